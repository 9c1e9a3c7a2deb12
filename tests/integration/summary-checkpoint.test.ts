import { Types } from 'mongoose';
import { ensureOpdrachtgevers } from '../../server/case-store/assign-opdrachtgevers';
import { reconcileCaseSummaries } from '../../server/case-store/case-summary-sync';
import { findCaseForSystem, insertCasesBulk } from '../../server/case-store/case.repository';
import { withClosedHistoriesOf } from '../../server/case-store/trajectory-archive.repository';
import type { CaseWithHistories } from '../../server/case-store/case.types';
import {
  CHECKPOINT_MARGIN_MS,
  recordSummaryCheckpoint,
  summaryCheckpoint,
} from '../../server/case-store/summary-checkpoint.repository';
import { createCaseworkTeam, seedStartedTrajectories, type TestTeam } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Decision 045: a start that has reconciled the summaries records its start instant, and the next
 * start checks only the cases written since (updatedAt range) instead of every case; without a
 * usable checkpoint (first start, other format, several writing processes, a start-up fix that
 * changed cases without updatedAt, the bench generator) it checks them all.
 */
describe('the case summaries checkpoint', () => {
  const START = '2026-06-01T10:00:00.000Z';
  let server: TestServer;
  let team: TestTeam;
  let cases: CaseWithHistories[];
  const summaries = () => server.context.db.collection('case_summaries');
  const casesCollection = () => server.context.db.collection('cases');
  const objectId = (id: string) => new Types.ObjectId(id);

  beforeAll(async () => {
    server = await startTestServer({ now: START });
    team = await createCaseworkTeam(server);
    cases = await seedStartedTrajectories(server, team, {
      count: 6,
      product: 'ONT',
      targetTrede: 3,
      currentTrede: 2,
      startedAt: '2026-05-01T09:00:00.000Z',
    });
    // As a start would leave them: every case with its opdrachtgever, last written in May.
    await ensureOpdrachtgevers(server.context);
    await casesCollection().updateMany({}, { $set: { updatedAt: new Date('2026-05-01T09:00Z') } });
    await reconcileCaseSummaries(server.context);
  });
  afterAll(async () => server.close());

  it('is recorded by a start at its start instant and read back minus the margin', async () => {
    expect(await summaryCheckpoint(server.context)).toEqual(
      new Date(Date.parse(START) - CHECKPOINT_MARGIN_MS),
    );
  });

  it('lets the next start check only the cases written since, and repair those', async () => {
    const [old, recent] = cases as [CaseWithHistories, CaseWithHistories];
    // A case last written long before the checkpoint, and one written after it whose summary a
    // crash lost.
    await casesCollection().updateOne(
      { _id: objectId(old.id) },
      { $set: { updatedAt: new Date('2026-01-01T00:00:00Z') } },
    );
    await casesCollection().updateOne(
      { _id: objectId(recent.id) },
      { $set: { updatedAt: new Date('2026-06-01T11:00:00Z') } },
    );
    await summaries().deleteOne({ _id: objectId(recent.id) });
    const since = await summaryCheckpoint(server.context);
    const expectedChecked = await casesCollection().countDocuments({ updatedAt: { $gte: since } });
    expect(expectedChecked).toBeLessThan(cases.length);
    const result = await reconcileCaseSummaries(server.context, { changedSince: since });
    expect(result).toMatchObject({ checked: expectedChecked, rebuilt: 1, removed: 0 });
    expect(await summaries().countDocuments({ _id: objectId(recent.id) })).toBe(1);
    // Without a checkpoint every case is checked.
    expect((await reconcileCaseSummaries(server.context)).checked).toBe(
      await casesCollection().countDocuments({}),
    );
  });

  it('a restart with a checkpoint still repairs a case written after it', async () => {
    const [, , crashed] = cases as [CaseWithHistories, CaseWithHistories, CaseWithHistories];
    await casesCollection().updateOne(
      { _id: objectId(crashed.id) },
      { $set: { updatedAt: new Date('2026-06-01T12:00:00Z') } },
    );
    await summaries().deleteOne({ _id: objectId(crashed.id) });
    const log = jest.spyOn(console, 'log');
    const restarted = await startTestServer({ now: START, database: server.database });
    try {
      expect(await summaries().countDocuments({ _id: objectId(crashed.id) })).toBe(1);
      // Only the two cases written after the checkpoint were read (this one and the previous test's).
      expect(log).toHaveBeenCalledWith(
        expect.stringMatching(/^Case summaries: checked 2, rebuilt 1,/),
      );
    } finally {
      log.mockRestore();
      await restarted.close();
    }
  });

  it('a start-up fix that changed cases without updatedAt makes the start a full pass', async () => {
    const [, , , unassigned] = cases as [
      CaseWithHistories,
      CaseWithHistories,
      CaseWithHistories,
      CaseWithHistories,
    ];
    // A case from before opdrachtgevers, last written long before the checkpoint.
    await casesCollection().updateOne(
      { _id: objectId(unassigned.id) },
      { $set: { opdrachtgeverId: null, updatedAt: new Date('2025-01-01T00:00:00Z') } },
    );
    await summaries().updateOne(
      { _id: objectId(unassigned.id) },
      { $set: { opdrachtgeverId: null } },
    );
    const restarted = await startTestServer({ now: START, database: server.database });
    try {
      const stored = await casesCollection().findOne({ _id: objectId(unassigned.id) });
      expect(stored?.opdrachtgeverId).toEqual(expect.any(String));
      expect((await summaries().findOne({ _id: objectId(unassigned.id) }))?.opdrachtgeverId).toBe(
        stored?.opdrachtgeverId,
      );
    } finally {
      await restarted.close();
    }
  });

  it('is not used with several writing processes, nor after the bench generator wrote', async () => {
    const shared = { ...server.context, config: { ...server.context.config } };
    shared.config.writeConcurrency = 'compare-and-set';
    expect(await summaryCheckpoint(shared)).toBeNull();
    await recordSummaryCheckpoint(shared, new Date(START));
    expect(await summaryCheckpoint(server.context)).toBeNull(); // removed for everyone

    await recordSummaryCheckpoint(server.context, new Date(START));
    expect(await summaryCheckpoint(server.context)).not.toBeNull();
    const [, , , , , seeded] = cases as CaseWithHistories[];
    // The bulk load takes complete records, as the generator makes them: this one as stored.
    const generated = await withClosedHistoriesOf(
      server.context.db,
      (await findCaseForSystem(server.context.db, seeded!.id))!,
    );
    await casesCollection().deleteOne({ _id: objectId(generated.id) });
    await insertCasesBulk(server.context.db, [generated]);
    expect(await summaryCheckpoint(server.context)).toBeNull();
  });
});
