import { Types } from 'mongoose';
import type { Dataset } from '../dataset';
import { getJson } from '../dataset';
import { percentile } from '../support';

export interface LatencyRow {
  what: string;
  p50: number;
  p95: number;
  /** The same data read by the raw driver (lean), same run. */
  floorP50: number;
  /** Items in the answer (list length, signals). */
  items: number;
}

/** `count` timed calls after one warm-up, or fewer (at least 3) when they exceed `budgetMs`. */
async function sample(
  count: number,
  action: (index: number) => Promise<number>,
  budgetMs = 20000,
): Promise<{ p50: number; p95: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  const began = Date.now();
  // Warm-up; a read slower than 5 s (a whole-collection decode on FerretDB) is its own figure:
  // it is counted, and one more sample is taken, so a run stays bounded.
  const warm = process.hrtime.bigint();
  await action(0);
  const warmMs = Number(process.hrtime.bigint() - warm) / 1e6;
  if (warmMs > 5000) times.push(warmMs);
  const minimum = warmMs > 5000 ? 1 : 3;
  for (let index = 0; index < count; index += 1) {
    if (index >= minimum && Date.now() - began > budgetMs) break;
    const started = process.hrtime.bigint();
    items = await action(index);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), items };
}

/**
 * GET /cases/:id, a begeleider's case list, a team's dashboard (GET /signals?team, the biggest team)
 * and the whole organisation's (every team), each against the raw driver reading the same documents.
 */
export async function runReads(
  dataset: Dataset,
  options: { samples: number },
): Promise<LatencyRow[]> {
  const { seeded, baseUrl } = dataset;
  // The same team at every size (the biggest at the first), so growth is the collection's alone.
  dataset.focusTeamId ??= [...seeded.teams].sort((a, b) => b.caseCount - a.caseCount)[0]!.id;
  const team = seeded.teams.find((candidate) => candidate.id === dataset.focusTeamId)!;
  const teamleider = await dataset.tokenOf(team.teamleider.id);
  const coordinator = await dataset.tokenOf(seeded.coordinator.id);
  const ids = (
    await dataset.cases
      .find({ orgId: seeded.orgId, teamId: team.id }, { projection: { _id: 1 } })
      .toArray()
  ).map((doc) => String(doc._id));
  const begeleider = team.begeleiders[0]!;
  const rows: LatencyRow[] = [];
  const check = (status: number, what: string) => {
    if (status !== 200) throw new Error(`${what} answered ${status}`);
  };

  const caseFile = await sample(options.samples, async (index) => {
    const { status } = await getJson(
      `${baseUrl}/cases/${ids[(index * 7919) % ids.length]}`,
      teamleider,
    );
    check(status, 'GET /cases/:id');
    return 1;
  });
  const caseFloor = await sample(options.samples, async (index) => {
    await dataset.cases.findOne({ _id: new Types.ObjectId(ids[(index * 7919) % ids.length]) });
    return 1;
  });
  rows.push({ what: 'case file `GET /cases/:id`', ...caseFile, floorP50: caseFloor.p50 });

  const list = await sample(options.samples, async () => {
    const { status, body } = await getJson(
      `${baseUrl}/cases?begeleider=${begeleider.id}&pageSize=50`,
      teamleider,
    );
    check(status, 'GET /cases');
    return (body as { items: unknown[] }).items.length;
  });
  const listFloor = await sample(options.samples, async () => {
    const docs = await dataset.cases
      .find({ orgId: seeded.orgId, teamId: team.id, begeleiderId: begeleider.id })
      .sort({ clientNumber: 1 })
      .limit(50)
      .toArray();
    return docs.length;
  });
  rows.push({
    what: "a begeleider's case list `GET /cases?begeleider`",
    ...list,
    floorP50: listFloor.p50,
  });

  const dashboardSamples = Math.max(5, Math.floor(options.samples / 4));
  // The raw driver reading what the API reads now: the open cases' summaries (decision 026).
  const summaries = dataset.server.context.db.collection('case_summaries');
  const openFloor = (filter: Record<string, unknown>) => async () =>
    (
      await summaries
        .find({ ...filter, trajectoryId: { $ne: null } })
        .sort({ clientNumber: 1 })
        .toArray()
    ).length;
  const teamDashboard = await sample(dashboardSamples, async () => {
    const { status, body } = await getJson(`${baseUrl}/signals?team=${team.id}`, teamleider);
    check(status, 'GET /signals?team');
    return (body as { items: unknown[] }).items.length;
  });
  const teamFloor = await sample(
    dashboardSamples,
    openFloor({ orgId: seeded.orgId, teamId: team.id }),
  );
  const teamOpen = await openFloor({ orgId: seeded.orgId, teamId: team.id })();
  rows.push({
    what: `team dashboard \`GET /signals?team\` (${teamOpen} open trajectories)`,
    ...teamDashboard,
    floorP50: teamFloor.p50,
  });
  const caseloads = await sample(dashboardSamples, async () => {
    const { status, body } = await getJson(`${baseUrl}/caseloads?team=${team.id}`, teamleider);
    check(status, 'GET /caseloads?team');
    return (body as { items?: unknown[] }).items?.length ?? 1;
  });
  rows.push({
    what: "a team's caseloads `GET /caseloads?team`",
    ...caseloads,
    floorP50: teamFloor.p50,
  });
  const forecast = await sample(dashboardSamples, async () => {
    const { status } = await getJson(`${baseUrl}/forecast?team=${team.id}`, teamleider);
    check(status, 'GET /forecast?team');
    return 1;
  });
  rows.push({
    what: "a team's deadline forecast `GET /forecast?team`",
    ...forecast,
    floorP50: teamFloor.p50,
  });
  const orgDashboard = await sample(Math.max(3, Math.floor(dashboardSamples / 2)), async () => {
    const { status, body } = await getJson(`${baseUrl}/signals`, coordinator);
    check(status, 'GET /signals');
    return (body as { items: unknown[] }).items.length;
  });
  const orgFloor = await sample(
    Math.max(3, Math.floor(dashboardSamples / 2)),
    openFloor({ orgId: seeded.orgId }),
  );
  rows.push({ what: 'whole organisation `GET /signals`', ...orgDashboard, floorP50: orgFloor.p50 });
  return rows;
}
