/**
 * Checks that every query the case API makes is served by an index (issue 4, item 1).
 *
 *   npx tsx scripts/explain-indexes.ts [mongodb-uri]     (default: MONGODB_URI, else the embedded
 *                                                         engine of `npm start` on TREDE_DB_PORT)
 *
 * On MongoDB every plan must use an index (IXSCAN); the script exits 1 otherwise. FerretDB v1
 * (SQLite) does not use secondary indexes for these filters (it pushes down only top-level scalar
 * equality), so there the plans are printed for information only; see docs/scaling.md.
 */
import { connectDatabase } from '../server/db/connection';
import { ensureCaseSummaryIndexes } from '../server/case-store/case-summary.repository';
import { ensureCaseIndexes } from '../server/case-store/case.repository';

const DAY = 24 * 3600 * 1000;

function stages(plan: unknown): string[] {
  if (!plan || typeof plan !== 'object') return [];
  const node = plan as {
    stage?: string;
    indexName?: string;
    inputStage?: unknown;
    inputStages?: unknown[];
  };
  const own = node.stage ? [node.indexName ? `${node.stage}(${node.indexName})` : node.stage] : [];
  return [...own, ...stages(node.inputStage), ...(node.inputStages ?? []).flatMap(stages)];
}

async function main(): Promise<void> {
  const uri =
    process.argv[2] ??
    process.env.MONGODB_URI ??
    `mongodb://127.0.0.1:${process.env.TREDE_DB_PORT ?? 27027}/trede`;
  const db = await connectDatabase(uri);
  await ensureCaseIndexes(db);
  await ensureCaseSummaryIndexes(db);
  const cases = db.collection('cases');
  const sample = await cases.findOne({}, { projection: { orgId: 1, teamId: 1, begeleiderId: 1 } });
  const orgId = (sample?.orgId as string | undefined) ?? 'org';
  const teamIds = [(sample?.teamId as string | undefined) ?? 'team'];
  const scope = { orgId, teamId: { $in: teamIds } };
  const now = new Date();
  const summary = 'openTrajectory.summary';

  const queries: Array<{
    name: string;
    filter: Record<string, unknown>;
    sort?: Record<string, 1 | -1>;
    /** Default: cases. */
    collection?: 'case_summaries';
  }> = [
    { name: 'case list of a team', filter: scope, sort: { clientNumber: 1 } },
    {
      name: 'case list of a begeleider',
      filter: { ...scope, begeleiderId: sample?.begeleiderId ?? 'x' },
    },
    { name: 'case list by state', filter: { ...scope, [`${summary}.state`]: 'active' } },
    { name: 'client number prefix', filter: { orgId, clientNumber: { $regex: '^DEMO-00' } } },
    {
      name: 'signal DEADLINE_PASSED / NEAR',
      filter: { ...scope, [`${summary}.deadlineAt`]: { $lte: new Date(now.getTime() + 28 * DAY) } },
    },
    {
      name: 'signal NO_ACTIVITY',
      filter: {
        ...scope,
        [`${summary}.lastActivityAt`]: { $lt: new Date(now.getTime() - 42 * DAY) },
      },
    },
    {
      name: 'signal SUSPENDED_LONG',
      filter: {
        ...scope,
        [`${summary}.state`]: 'suspended',
        [`${summary}.stateEnteredAt`]: { $lt: new Date(now.getTime() - 90 * DAY) },
      },
    },
    {
      name: 'signal RELAPSE',
      filter: { ...scope, [`${summary}.relapseAt`]: { $gte: new Date(now.getTime() - 90 * DAY) } },
    },
    {
      name: 'signal ASSESSMENT_DUE',
      filter: {
        ...scope,
        [`${summary}.lastAssessedAt`]: { $lt: new Date(now.getTime() - 183 * DAY) },
      },
    },
    {
      name: 'signal GROWTH',
      filter: { ...scope, [`${summary}.growthAt`]: { $lte: now } },
    },
    {
      name: 'signal DECISION_PENDING',
      filter: {
        ...scope,
        [`${summary}.state`]: 'stepAchieved',
        [`${summary}.stateEnteredAt`]: { $lt: new Date(now.getTime() - 14 * DAY) },
      },
    },
    // Every event and case-file read: a case, or a trajectory's case (`<caseId>-<n>`), by _id alone.
    { name: 'case (or trajectory) by id', filter: { _id: sample?._id ?? 'x' } },
    // Decision 026: dashboards, caseloads, forecast and the sweeper read the case summaries.
    {
      name: 'summaries: a team, by client number',
      filter: { ...scope, trajectoryId: { $ne: null } },
      sort: { clientNumber: 1 },
      collection: 'case_summaries',
    },
    {
      name: 'summaries: a begeleider',
      filter: { ...scope, begeleiderId: sample?.begeleiderId ?? 'x', trajectoryId: { $ne: null } },
      collection: 'case_summaries',
    },
    {
      name: 'summaries: what a team dashboard can signal (decision 044)',
      filter: { ...scope, trajectoryId: { $ne: null }, signalFrom: { $lte: now } },
      collection: 'case_summaries',
    },
    {
      name: 'sweeper: due deadlines',
      filter: { sweepDueAt: { $lte: now } },
      sort: { sweepDueAt: 1 },
      collection: 'case_summaries',
    },
    {
      name: 'transitions by date',
      filter: { orgId, 'ladder.at': { $gte: new Date(now.getTime() - 365 * DAY), $lt: now } },
    },
  ];

  let missing = 0;
  for (const query of queries) {
    const explained = (await (query.collection ? db.collection(query.collection) : cases)
      .find(query.filter, { sort: query.sort })
      .explain('queryPlanner')) as {
      queryPlanner?: { winningPlan?: unknown; Plan?: unknown };
      ferretdbVersion?: string;
      serverInfo?: { ferretdbVersion?: string };
    };
    const ferret = explained.serverInfo?.ferretdbVersion ?? explained.ferretdbVersion;
    const plan = ferret
      ? JSON.stringify(explained.queryPlanner?.Plan)
      : stages(explained.queryPlanner?.winningPlan).join(' ← ');
    // MongoDB must use an index for every query. On FerretDB only `{_id}` can use one (with the
    // patched _id index, decision 002); the other plans are printed for information.
    const indexed = ferret ? /SEARCH .*USING INDEX/.test(plan) : plan.includes('IXSCAN');
    const required = !ferret || '_id' in query.filter;
    if (required && !indexed) missing += 1;
    const verdict = indexed ? 'ok  ' : required ? 'NO  ' : 'scan';
    console.log(`${verdict} ${query.name.padEnd(32)} ${plan}`);
  }
  await db.close();
  if (missing) {
    console.error(`${missing} queries without an index`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
