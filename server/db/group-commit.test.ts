import { GroupCommit } from './group-commit';

/** A write that records its batches and finishes when told to. */
function controlledWrite() {
  const batches: number[][] = [];
  const pending: Array<{ finish: () => void; fail: (error: Error) => void }> = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      pending.push({ finish: resolve, fail: reject });
    });
  return { batches, pending, write };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes alone when nothing is in flight and groups what arrives meanwhile', async () => {
    const { batches, pending, write } = controlledWrite();
    const group = new GroupCommit(write);
    const first = group.add([1]);
    const second = group.add([2]);
    const third = group.add([3, 4]);
    expect(batches).toEqual([[1]]);
    pending[0]!.finish();
    await first;
    await settled();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await settled();
    expect(secondDone).toBe(false); // acknowledged only with its own batch
    pending[1]!.finish();
    await Promise.all([second, third]);
  });

  it('fails every caller of a failed batch and goes on with the next', async () => {
    const { batches, pending, write } = controlledWrite();
    const group = new GroupCommit(write);
    const first = group.add([1]);
    const second = group.add([2]);
    const third = group.add([3]);
    pending[0]!.fail(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await settled();
    pending[1]!.fail(new Error('locked'));
    await expect(second).rejects.toThrow('locked');
    await expect(third).rejects.toThrow('locked');
    const fourth = group.add([4]);
    await settled();
    expect(batches).toEqual([[1], [2, 3], [4]]);
    pending[2]!.finish();
    await fourth;
  });

  it('keeps each caller whole and stops adding callers once a batch holds maxBatch items', async () => {
    const { batches, pending, write } = controlledWrite();
    const group = new GroupCommit(write, 3);
    const calls = [group.add([0]), group.add([1, 2]), group.add([3, 4]), group.add([5, 6, 7, 8])];
    for (let round = 0; round < 4; round += 1) {
      pending[round]?.finish();
      await settled();
    }
    await Promise.all(calls);
    expect(batches).toEqual([[0], [1, 2, 3, 4], [5, 6, 7, 8]]);
  });

  it('answers an empty list at once without writing', async () => {
    const { batches, write } = controlledWrite();
    await new GroupCommit(write).add([]);
    expect(batches).toEqual([]);
  });
});
