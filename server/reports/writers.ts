import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { writeSheetCsv, writeSheetXlsx } from './spreadsheet';
import { SPREADSHEET_COLUMNS, type ExportRow } from './transition-rows';

/**
 * The transitions export's writers: each row goes out as it comes from the database cursor, with
 * backpressure, so an export of any size runs in constant memory (SPEC §4). CSV and XLSX share the
 * Dutch-Excel conventions and formula-injection escaping of spreadsheet.ts.
 */
export type ExportFormat = 'csv' | 'xlsx' | 'ndjson';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export function writeCsv(rows: AsyncIterable<ExportRow>, out: Writable): Promise<number> {
  return writeSheetCsv(rows, SPREADSHEET_COLUMNS, out);
}

export async function writeNdjson(rows: AsyncIterable<ExportRow>, out: Writable): Promise<number> {
  let count = 0;
  for await (const row of rows) {
    count += 1;
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  return count;
}

export function writeXlsx(rows: AsyncIterable<ExportRow>, out: Writable): Promise<number> {
  return writeSheetXlsx(rows, SPREADSHEET_COLUMNS, out, 'Tredeovergangen');
}

export const WRITERS: Record<
  ExportFormat,
  (rows: AsyncIterable<ExportRow>, out: Writable) => Promise<number>
> = {
  csv: writeCsv,
  xlsx: writeXlsx,
  ndjson: writeNdjson,
};
