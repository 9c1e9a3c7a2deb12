/**
 * Group commit (issue 13): while one write of a kind is in flight, the items of the requests that
 * arrive meanwhile wait and then go together as one command — one round trip instead of one each
 * (on FerretDB a round trip costs both processes a wake-up and a message decode). An item waits at
 * most for the batch in flight; nobody waits when nothing is in flight. Each caller's promise
 * settles with its own batch, so a request still answers only after its items are acknowledged,
 * and a failed batch fails each of its callers, who handle it as they would their own write.
 */
export class GroupCommit<T> {
  private queue: Array<{ items: readonly T[]; resolve: () => void; reject: (e: unknown) => void }> =
    [];
  private inFlight = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(items: readonly T[]): Promise<void> {
    if (!items.length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.inFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.queue.length) {
        const batch = this.takeBatch();
        try {
          await this.write(batch.flatMap((waiting) => waiting.items));
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.inFlight = false;
    }
  }

  /** Whole callers, at least one, up to maxBatch items. */
  private takeBatch() {
    let count = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || count < this.maxBatch)) {
      count += this.queue[take]!.items.length;
      take += 1;
    }
    return this.queue.splice(0, take);
  }
}

/** One GroupCommit per key object (a connection), made on first use. */
export function groupCommitPer<K extends object, T>(
  make: (key: K) => GroupCommit<T>,
): (key: K) => GroupCommit<T> {
  const made = new WeakMap<K, GroupCommit<T>>();
  return (key) => {
    let group = made.get(key);
    if (!group) made.set(key, (group = make(key)));
    return group;
  };
}
