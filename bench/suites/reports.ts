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
  rows: number;
  ms: number;
  rowsPerSecond: number;
  rssMb: number;
}

/**
 * The transitions export over three years (CSV and XLSX, through HTTP, streamed to a counting
 * consumer) against a raw lean cursor over the same data: the ladders found by the driver and
 * unwound in JavaScript.
 */
export async function runReports(dataset: Dataset, now: Date): Promise<ReportRow[]> {
  const token = await dataset.tokenOf(dataset.seeded.beleid.id);
  const from = new Date(now.getTime() - 3 * 366 * 24 * 3600 * 1000);
  const rows: ReportRow[] = [];
  for (const format of ['csv', 'xlsx'] as const) {
    const measured = await withPeakRss(async () => {
      const response = await fetch(
        `${dataset.baseUrl}/reports/transitions?from=${from.toISOString().slice(0, 10)}&to=${now.toISOString().slice(0, 10)}&format=${format}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (response.status !== 200) throw new Error(`transitions ${format}: ${response.status}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) lines += 1;
      }
      return { bytes, lines, count: Number(response.headers.get('x-row-count') ?? NaN) };
    });
    rows.push({
      what: `transitions ${format.toUpperCase()} over HTTP`,
      rows: format === 'csv' ? measured.value.lines - 1 : NaN,
      ms: measured.ms,
      rowsPerSecond: NaN,
      rssMb: measured.rssMb,
    });
  }
  const lean = await withPeakRss(async () => {
    let count = 0;
    const cursor = dataset.cases.find(
      { orgId: dataset.seeded.orgId },
      { projection: { ladder: 1 } },
    );
    for await (const doc of cursor)
      for (const entry of doc.ladder as Array<{ at: Date; from: number | null }>)
        if (entry.from !== null && entry.at >= from && entry.at < now) count += 1;
    return count;
  });
  rows.push({
    what: 'raw driver: lean find of the ladders, unwound in JS',
    rows: lean.value,
    ms: lean.ms,
    rowsPerSecond: NaN,
    rssMb: lean.rssMb,
  });
  const transitions = lean.value;
  return rows.map((row) => {
    const count = Number.isNaN(row.rows) ? transitions : row.rows;
    return { ...row, rows: count, rowsPerSecond: count / (row.ms / 1000) };
  });
}
