import type { Dataset } from '../dataset';

/** Peak resident memory above the start, sampled every 20 ms while `work` runs. */
async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; rssMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = Date.now();
  const value = await work();
  const ms = Date.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, rssMb: (peak - base) / 2 ** 20 };
}

export interface ReportRow {
  what: string;
  /** Which raw cursor this row is compared with (its own group's `raw` row). */
  group: 'transitions' | 'indicators';
  raw: boolean;
  /** What `rows` counts: exported transitions, or the cases a report reduced. */
  unit: 'rows' | 'cases';
  rows: number;
  ms: number;
  rowsPerSecond: number;
  rssMb: number;
}

/** The collection the reports read and the raw cursors scan: the report read model (046). */
const REPORT_COLLECTION = 'case_reports';

async function getJson(dataset: Dataset, token: string, path: string): Promise<unknown> {
  const response = await fetch(`${dataset.baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/**
 * The transitions export over three years (CSV and XLSX, through HTTP, streamed to a counting
 * consumer) against a raw lean cursor over the same data: the ladders found by the driver and
 * unwound in JavaScript. The indicators over three years and the monthly trend over 24 months
 * (JSON over HTTP) against a raw lean cursor reading every document the reports reduce.
 */
export async function runReports(dataset: Dataset, now: Date): Promise<ReportRow[]> {
  const token = await dataset.tokenOf(dataset.seeded.beleid.id);
  const from = new Date(now.getTime() - 3 * 366 * 24 * 3600 * 1000);
  const collection = dataset.server.context.db.collection(REPORT_COLLECTION);
  const rows: ReportRow[] = [];
  // Warm-up, untimed, like the other suites: one pass over the collection, so the first export is
  // not the one that pages it in after seeding.
  for await (const doc of collection.find(
    { orgId: dataset.seeded.orgId },
    { projection: { _id: 1 } },
  ))
    void doc;
  const exportOf = (format: 'csv' | 'xlsx') =>
    withPeakRss(async () => {
      const response = await fetch(
        `${dataset.baseUrl}/reports/transitions?from=${from.toISOString().slice(0, 10)}&to=${now.toISOString().slice(0, 10)}&format=${format}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (response.status !== 200) throw new Error(`transitions ${format}: ${response.status}`);
      let lines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        for (const byte of chunk) if (byte === 10) lines += 1;
      return lines - 1; // the header
    });
  const rawLadders = () =>
    withPeakRss(async () => {
      let count = 0;
      const cursor = collection.find(
        { orgId: dataset.seeded.orgId },
        { projection: { ladder: 1 } },
      );
      for await (const doc of cursor)
        for (const entry of doc.ladder as Array<{ at: Date; from: number | null }>)
          if (entry.from !== null && entry.at >= from && entry.at < now) count += 1;
      return count;
    });
  // The CSV export and its raw cursor twice each in the order ABBA, so drift (FerretDB
  // checkpointing what the events before wrote, the collector) falls on both; a single pass of
  // each moved their ratio between 68% and 113% over runs of the same code.
  const csvFirst = await exportOf('csv');
  const rawFirst = await rawLadders();
  const rawSecond = await rawLadders();
  const csvSecond = await exportOf('csv');
  const xlsx = await exportOf('xlsx');
  const bothOf = (first: typeof rawFirst, second: typeof rawFirst) => ({
    rows: first.value,
    ms: (first.ms + second.ms) / 2,
    rssMb: Math.max(first.rssMb, second.rssMb),
  });
  const csv = bothOf(csvFirst, csvSecond);
  const lean = bothOf(rawFirst, rawSecond);
  rows.push(
    {
      what: 'transitions CSV over HTTP (mean of two)',
      group: 'transitions',
      raw: false,
      unit: 'rows',
      ...csv,
      rowsPerSecond: NaN,
    },
    {
      what: 'transitions XLSX over HTTP',
      group: 'transitions',
      raw: false,
      unit: 'rows',
      rows: NaN, // a zip: its rows are the raw cursor's count
      ms: xlsx.ms,
      rowsPerSecond: NaN,
      rssMb: xlsx.rssMb,
    },
    {
      what: `raw driver: lean find of the ladders in \`${REPORT_COLLECTION}\`, unwound in JS (mean of two)`,
      group: 'transitions',
      raw: true,
      unit: 'rows',
      ...lean,
      rowsPerSecond: NaN,
    },
  );
  const transitions = lean.rows;

  const cases = await collection.countDocuments({ orgId: dataset.seeded.orgId });
  const day = (date: Date) => date.toISOString().slice(0, 10);
  // The trend's longest period: the 24 calendar months up to and including now's.
  const monthlyFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 23, 1));
  const indicatorRequests = [
    {
      what: 'indicators over 3 years `GET /reports/indicators`',
      path: `/reports/indicators?from=${day(from)}&to=${day(now)}`,
    },
    {
      what: 'monthly trend over 24 months `GET /reports/indicators/monthly`',
      path: `/reports/indicators/monthly?from=${day(monthlyFrom)}&to=${day(now)}`,
    },
  ];
  for (const request of indicatorRequests) {
    const measured = await withPeakRss(() => getJson(dataset, token, request.path));
    rows.push({
      what: request.what,
      group: 'indicators',
      raw: false,
      unit: 'cases',
      rows: cases,
      ms: measured.ms,
      rowsPerSecond: NaN,
      rssMb: measured.rssMb,
    });
  }
  const leanCases = await withPeakRss(async () => {
    let count = 0;
    const cursor = collection.find({ orgId: dataset.seeded.orgId });
    for await (const doc of cursor) if (doc._id) count += 1;
    return count;
  });
  rows.push({
    what: `raw driver: lean find of the organisation's documents in \`${REPORT_COLLECTION}\``,
    group: 'indicators',
    raw: true,
    unit: 'cases',
    rows: leanCases.value,
    ms: leanCases.ms,
    rowsPerSecond: NaN,
    rssMb: leanCases.rssMb,
  });
  // The same cases' documents in `cases`, what the reports read before decision 046 (their
  // trajectories' histories, as the indicators projected them): the gain, measured in this run.
  // Skipped above 10,000 cases, where it alone would take ~4 ms × cases.
  if (cases <= 10_000) {
    const wholeCases = await withPeakRss(async () => {
      let count = 0;
      const cursor = dataset.cases.find(
        { orgId: dataset.seeded.orgId },
        {
          projection: {
            ladder: 1,
            'openTrajectory.history': 1,
            'closedTrajectories.history': 1,
          },
        },
      );
      for await (const doc of cursor) if (doc._id) count += 1;
      return count;
    });
    rows.push({
      what: 'for reference: the same lean find over `cases` (what the reports read before 046)',
      group: 'indicators',
      raw: false,
      unit: 'cases',
      rows: wholeCases.value,
      ms: wholeCases.ms,
      rowsPerSecond: NaN,
      rssMb: wholeCases.rssMb,
    });
  }
  return rows.map((row) => {
    const count = Number.isNaN(row.rows) ? transitions : row.rows;
    return { ...row, rows: count, rowsPerSecond: count / (row.ms / 1000) };
  });
}
