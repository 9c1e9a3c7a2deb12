import type { Connection } from 'mongoose';

/**
 * A small read-through cache per connection with a time to live, for documents every request
 * reads and almost nothing writes (sessions, users: decision 028). It holds the pending read, so
 * concurrent requests share one round trip; `forget` drops an entry at once, so a write through
 * this process is seen by its next read, and a read that was under way when it was forgotten is
 * not put back. Ages come from Date.now(): a cache age, not domain time (no injected clock).
 */
export class ProcessCache<V> {
  private readonly byConnection = new WeakMap<
    Connection,
    Map<string, { at: number; value: Promise<V> }>
  >();

  /**
   * `keep`: whether a loaded value is kept (misses are not, so unknown tokens cannot fill the
   * memory); at `maxEntries` the connection's entries are dropped (old ones are never swept).
   */
  constructor(
    private readonly ttlMs: number,
    private readonly options: { keep?: (value: V) => boolean; maxEntries?: number } = {},
  ) {}

  read(db: Connection, key: string, load: () => Promise<V>): Promise<V> {
    let entries = this.byConnection.get(db);
    if (!entries) this.byConnection.set(db, (entries = new Map()));
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (entries.size >= (this.options.maxEntries ?? 10000)) entries.clear();
    const value = load();
    const entry = { at: now, value };
    const map = entries;
    const drop = () => {
      if (map.get(key) === entry) map.delete(key);
    };
    map.set(key, entry);
    value.then((loaded) => {
      if (this.options.keep && !this.options.keep(loaded)) drop();
    }, drop);
    return value;
  }

  forget(db: Connection, key: string): void {
    this.byConnection.get(db)?.delete(key);
  }

  forgetAll(db: Connection): void {
    this.byConnection.delete(db);
  }
}
