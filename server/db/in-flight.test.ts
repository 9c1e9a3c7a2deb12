import { startedWritesEnded, trackInFlight } from './in-flight';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe('writes in flight', () => {
  it('waits for the writes started before, not for those started after', async () => {
    const first = deferred();
    const later = deferred();
    void trackInFlight('db-a', first.promise);
    let ended = false;
    const waiting = startedWritesEnded('db-a').then(() => (ended = true));
    void trackInFlight('db-a', later.promise);
    await Promise.resolve();
    expect(ended).toBe(false);
    first.resolve();
    await waiting;
    expect(ended).toBe(true); // the later write is still in flight
    later.resolve();
  });

  it('keeps databases apart', async () => {
    const other = deferred();
    void trackInFlight('db-b', other.promise);
    await startedWritesEnded('db-c'); // would hang if db-b's write were waited for
    other.resolve();
    await startedWritesEnded('db-b');
  });
});
