import type { CaseRecord } from './case.types';

/**
 * The cases this process read or wrote last, as stored (decision 065): with one writing process
 * (writeConcurrency 'auto') a case it has just written or read is what the database holds, so an
 * event on a case the begeleider has open does not read it again. Each write is still
 * conditional on the version the decision was taken on, so a case changed behind this process's
 * back (which 'auto' rules out) fails the write, is forgotten, and the decision is taken again on
 * the stored case. Records are never changed in place (the folds return new ones); under test
 * every remembered record is frozen, so code that would change one in place fails there.
 */
export class CaseCache {
  private readonly records = new Map<string, CaseRecord>();

  constructor(
    private readonly capacity: number,
    private readonly freeze = false,
  ) {}

  get(caseId: string): CaseRecord | undefined {
    const record = this.records.get(caseId);
    if (record) {
      // Most recently used last: Map keeps insertion order.
      this.records.delete(caseId);
      this.records.set(caseId, record);
    }
    return record;
  }

  remember(record: CaseRecord): void {
    this.records.delete(record.id);
    this.records.set(record.id, this.freeze ? deepFreeze(record) : record);
    if (this.records.size > this.capacity)
      this.records.delete(this.records.keys().next().value as string);
  }

  forget(caseId: string): void {
    this.records.delete(caseId);
  }

  clear(): void {
    this.records.clear();
  }

  get size(): number {
    return this.records.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
