import type { Connection } from 'mongoose';
import { ProcessCache } from './process-cache';

const connection = {} as Connection;
const other = {} as Connection;

describe('ProcessCache', () => {
  afterEach(() => jest.useRealTimers());

  it('shares one read per key and connection until the time to live has passed', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new ProcessCache<string>(2000);
    let loads = 0;
    const load = jest.fn(async (): Promise<string> => `v${(loads += 1)}`);
    expect(await cache.read(connection, 'a', load)).toBe('v1');
    expect(await cache.read(connection, 'a', load)).toBe('v1');
    expect(await cache.read(other, 'a', load)).toBe('v2'); // another connection, another entry
    jest.setSystemTime(2000);
    expect(await cache.read(connection, 'a', load)).toBe('v3');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('forgets at once, and a read under way when forgotten is not kept', async () => {
    const cache = new ProcessCache<string>(60000);
    let release!: (value: string) => void;
    const slow = cache.read(connection, 'k', () => new Promise((resolve) => (release = resolve)));
    cache.forget(connection, 'k');
    release('old');
    expect(await slow).toBe('old');
    expect(await cache.read(connection, 'k', async () => 'new')).toBe('new');
    cache.forgetAll(connection);
    expect(await cache.read(connection, 'k', async () => 'newer')).toBe('newer');
  });

  it('keeps neither misses nor failures', async () => {
    const cache = new ProcessCache<string | null>(60000, { keep: (value) => value !== null });
    expect(await cache.read(connection, 'x', async () => null)).toBeNull();
    expect(await cache.read(connection, 'x', async () => 'found')).toBe('found');
    await expect(
      cache.read(connection, 'y', async () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(await cache.read(connection, 'y', async () => 'up')).toBe('up');
  });

  it('drops a connection’s entries when it reaches maxEntries', async () => {
    const cache = new ProcessCache<string>(60000, { maxEntries: 2 });
    await cache.read(connection, 'a', async () => 'a1');
    await cache.read(connection, 'b', async () => 'b1');
    await cache.read(connection, 'c', async () => 'c1'); // clears a and b first
    expect(await cache.read(connection, 'a', async () => 'a2')).toBe('a2');
  });
});
