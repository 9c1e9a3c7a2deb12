import { CaseCache } from './case-cache';
import type { CaseRecord } from './case.types';

const record = (id: string, version = 1) => ({ id, version, ladder: [] }) as unknown as CaseRecord;

describe('CaseCache (decision 065)', () => {
  it('keeps the most recently used cases up to its capacity', () => {
    const cache = new CaseCache(2);
    cache.remember(record('a'));
    cache.remember(record('b'));
    expect(cache.get('a')?.id).toBe('a'); // now b is the least recently used
    cache.remember(record('c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.id).toBe('a');
    expect(cache.get('c')?.id).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('replaces a case by its newer version and forgets on request', () => {
    const cache = new CaseCache(5);
    cache.remember(record('a', 1));
    cache.remember(record('a', 2));
    expect(cache.get('a')?.version).toBe(2);
    expect(cache.size).toBe(1);
    cache.forget('a');
    expect(cache.get('a')).toBeUndefined();
    cache.remember(record('b'));
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('under test freezes what it keeps, so a change in place fails loudly', () => {
    const cache = new CaseCache(5, true);
    cache.remember(record('a'));
    const kept = cache.get('a')!;
    expect(() => {
      (kept as { version: number }).version = 9;
    }).toThrow(TypeError);
    expect(() => kept.ladder.push({} as never)).toThrow(TypeError);
  });
});
