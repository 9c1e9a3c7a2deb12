import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SPREADSHEET_COLUMNS, type ExportRow } from './transition-rows';

/**
 * Streaming writers: each row goes out as it comes from the database cursor, with backpressure,
 * so an export of any size runs in constant memory (SPEC §4).
 */
export type ExportFormat = 'csv' | 'xlsx' | 'ndjson';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/**
 * For Dutch Excel: `;` as separator, a UTF-8 byte-order mark so é and ï survive, no `sep=` line
 * (SPEC §4). The columns hold no decimals; a decimal comma would apply if they did.
 */
export async function writeCsv(rows: AsyncIterable<ExportRow>, out: Writable): Promise<number> {
  let count = 0;
  const lines = Readable.from(
    (async function* () {
      for await (const row of rows) {
        count += 1;
        yield SPREADSHEET_COLUMNS.map((column) => column.value(row));
      }
    })(),
  );
  const csv = stringify({
    delimiter: ';',
    bom: true,
    header: true,
    columns: SPREADSHEET_COLUMNS.map((column) => column.header),
    record_delimiter: 'windows',
  });
  await pipeline(lines, csv, out);
  return count;
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

/** XLSX through exceljs' streaming writer: each row is committed (flushed) as soon as it is added. */
export async function writeXlsx(rows: AsyncIterable<ExportRow>, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Tredeovergangen', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = SPREADSHEET_COLUMNS.map((column) => ({
    header: column.header,
    key: column.header,
    width: column.header === 'deelnemer' ? 20 : 14,
  }));
  let count = 0;
  for await (const row of rows) {
    count += 1;
    sheet.addRow(SPREADSHEET_COLUMNS.map((column) => column.value(row))).commit();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

export const WRITERS: Record<
  ExportFormat,
  (rows: AsyncIterable<ExportRow>, out: Writable) => Promise<number>
> = {
  csv: writeCsv,
  xlsx: writeXlsx,
  ndjson: writeNdjson,
};
