import { Types } from 'mongoose';
import type { CaseSummaryRecord } from '../../server/case-store/case-summary';
import {
  writeCaseSummaries,
  writeCaseSummaryGrouped,
} from '../../server/case-store/case-summary.repository';
import { newId } from '../../server/ids';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Summaries of concurrent case writes share one bulk write (decision 059). A summary that meets a
 * newer stored one is refused, as alone; the others of its batch are still written (FerretDB v1
 * ends an update command at its first failing statement, so the batch is redone one by one).
 */
describe('case summaries are grouped', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('summarygroup');
  });
  afterAll(async () => database.cleanup());

  const summary = (
    caseId: string,
    caseVersion: number,
    displayName: string,
  ): CaseSummaryRecord => ({
    caseId,
    orgId: 'org-group',
    teamId: 'team-group',
    opdrachtgeverId: null,
    begeleiderId: 'begeleider-group',
    clientNumber: `G-${caseId.slice(-6)}`,
    displayName,
    currentTrede: 2,
    caseVersion,
    open: null,
  });

  const stored = async (caseId: string) =>
    database.connection
      .collection('case_summaries')
      .findOne({ _id: new Types.ObjectId(caseId) }, { projection: { version: 1, displayName: 1 } });

  it('writes every summary of a batch but the one a newer summary refuses', async () => {
    const [first, refused, behindIt, last] = [newId(), newId(), newId(), newId()];
    await writeCaseSummaries(database.connection, [summary(refused, 5, 'newer')]);

    // The first goes alone (nothing in flight); the other three wait and go as one batch.
    await Promise.all([
      writeCaseSummaryGrouped(database.connection, summary(first, 1, 'first')),
      writeCaseSummaryGrouped(database.connection, summary(refused, 3, 'late')),
      writeCaseSummaryGrouped(database.connection, summary(behindIt, 1, 'behind')),
      writeCaseSummaryGrouped(database.connection, summary(last, 2, 'last')),
    ]);

    expect(await stored(first)).toMatchObject({ version: 1, displayName: 'first' });
    expect(await stored(refused)).toMatchObject({ version: 5, displayName: 'newer' });
    expect(await stored(behindIt)).toMatchObject({ version: 1, displayName: 'behind' });
    expect(await stored(last)).toMatchObject({ version: 2, displayName: 'last' });
  });

  it('replaces an older summary within a batch', async () => {
    const [one, two] = [newId(), newId()];
    await writeCaseSummaries(database.connection, [summary(two, 1, 'old')]);
    await Promise.all([
      writeCaseSummaryGrouped(database.connection, summary(one, 1, 'one')),
      writeCaseSummaryGrouped(database.connection, summary(two, 2, 'new')),
    ]);
    expect(await stored(two)).toMatchObject({ version: 2, displayName: 'new' });
  });
});
