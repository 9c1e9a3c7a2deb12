import { writeCase } from '../../../server/case-store/case-writer';
import { findCaseForSystem } from '../../../server/case-store/case.repository';
import type { CaseRecord } from '../../../server/case-store/case.types';
import { createCaseViaApi, createCaseworkTeam, rawCase } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Guarantee 11: the `{_id, version}` conditional update and its retry loop, which N processes on
 * MongoDB rely on, run here on the embedded engine. Two writers are interleaved by hand: both read
 * version v, B writes first, then A's write with the stale version must change nothing and A must
 * decide again on B's result.
 */
describe('the compare-and-set write path', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ config: { writeConcurrency: 'compare-and-set' } });
  });
  afterAll(async () => server.close());

  function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  }

  const rename = (current: CaseRecord, suffix: string): CaseRecord => ({
    ...current,
    displayName: `${current.displayName}+${suffix}`,
    version: current.version + 1,
    updatedAt: server.clock.now(),
  });

  it('a stale write changes nothing and is decided again on the new state', async () => {
    const team = await createCaseworkTeam(server);
    const created = await createCaseViaApi(server, team, { displayName: 'X' });
    const load = () => findCaseForSystem(server.context.db, created.id);

    const aHasRead = deferred();
    const bHasWritten = deferred();
    const seenByA: Array<{ version: number; displayName: string }> = [];
    const writerA = writeCase(server.context, created.id, load, async (current) => {
      seenByA.push({ version: current.version, displayName: current.displayName });
      if (seenByA.length === 1) {
        aHasRead.resolve();
        await bHasWritten.promise; // B reads the same version and writes while A waits
      }
      return { result: 'A', write: rename(current, 'A') };
    });

    await aHasRead.promise;
    const seenByB: number[] = [];
    const writerB = await writeCase(server.context, created.id, load, (current) => {
      seenByB.push(current.version);
      return { result: 'B', write: rename(current, 'B') };
    });
    expect(writerB).toEqual({ result: 'B', written: true });
    const afterB = JSON.stringify(await rawCase(server, created.id));
    bHasWritten.resolve();

    expect(await writerA).toEqual({ result: 'A', written: true });
    // Both read version 1; A's first write (version 1) found version 2 and changed nothing, so A
    // decided again on B's result.
    expect(seenByB).toEqual([1]);
    expect(seenByA).toEqual([
      { version: 1, displayName: 'X' },
      { version: 2, displayName: 'X+B' },
    ]);
    expect(JSON.parse(afterB)).toMatchObject({ version: 2, displayName: 'X+B' });
    const final = (await rawCase(server, created.id)) as { version: number; displayName: string };
    expect(final).toMatchObject({ version: 3, displayName: 'X+B+A' });
  });

  it('a writer that keeps losing gives up with 409 after its attempts, having changed nothing', async () => {
    const team = await createCaseworkTeam(server);
    const created = await createCaseViaApi(server, team, { displayName: 'Y' });
    const load = () => findCaseForSystem(server.context.db, created.id);
    let attempts = 0;
    const attempt = writeCase(server.context, created.id, load, async (current) => {
      attempts += 1;
      // Another writer gets in between every read and write of this one.
      await writeCase(server.context, created.id, load, (fresh) => ({
        result: null,
        write: rename(fresh, 'other'),
      }));
      return { result: null, write: rename(current, 'loser') };
    });
    await expect(attempt).rejects.toMatchObject({ status: 409 });
    expect(attempts).toBe(5);
    const final = (await rawCase(server, created.id)) as { displayName: string };
    expect(final.displayName).not.toContain('loser');
    expect(final.displayName.split('+other')).toHaveLength(6);
  });
});
