import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * What every CSV and XLSX export of Trede shares (SPEC §4): Dutch Excel conventions and
 * formula-injection escaping. Rows are streamed, so an export of any size runs in constant memory.
 */

/** One column: a heading and how a row's value is written; `decimal2` is money-like (12,50). */
export interface SheetColumn<Row> {
  header: string;
  value: (row: Row) => string | number;
  kind?: 'text' | 'integer' | 'decimal2';
  width?: number;
}

/**
 * SPEC §4 (CSV/formula injection): text that Excel or LibreOffice would read as a formula or a
 * control character — starting with `=`, `+`, `-`, `@`, tab or carriage return — is written with
 * a leading `'`, which spreadsheets show as text. Numbers are written as numbers, never escaped.
 */
export function escapeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell<Row>(column: SheetColumn<Row>, row: Row): string {
  const value = column.value(row);
  if (typeof value === 'number') {
    // Dutch Excel reads a decimal comma; integers need none.
    return column.kind === 'decimal2' ? value.toFixed(2).replace('.', ',') : String(value);
  }
  return escapeCell(value);
}

/**
 * Rows per CSV chunk. csv-stringify's stream took each row as its own object-mode chunk, and the
 * response then went out one ~60-byte write per row; a batch is stringified at once by the same
 * library (identical bytes) and written as one chunk, while the pipeline still waits for the
 * consumer, so at most a few batches are in memory whatever the export's size (decision 053).
 */
export const CSV_BATCH_ROWS = 500;

/** For Dutch Excel: `;` as separator, a UTF-8 byte-order mark so é and ï survive, no `sep=` line. */
export async function writeSheetCsv<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: ReadonlyArray<SheetColumn<Row>>,
  out: Writable,
  batchRows = CSV_BATCH_ROWS,
): Promise<number> {
  const options = {
    delimiter: ';',
    columns: columns.map((column) => escapeCell(column.header)),
    record_delimiter: 'windows',
  } as const;
  let count = 0;
  async function* chunks(): AsyncGenerator<string> {
    let batch: string[][] = [];
    let first = true;
    const stringified = (): string => {
      // BOM and header only before the first batch (also when there are no rows at all).
      const text = stringify(batch, { ...options, bom: first, header: first });
      first = false;
      batch = [];
      return text;
    };
    for await (const row of rows) {
      count += 1;
      batch.push(columns.map((column) => csvCell(column, row)));
      if (batch.length >= batchRows) yield stringified();
    }
    if (batch.length > 0 || first) yield stringified();
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), out);
  return count;
}

/** XLSX through exceljs' streaming writer: each row is committed (flushed) as soon as it is added. */
export async function writeSheetXlsx<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: ReadonlyArray<SheetColumn<Row>>,
  out: Writable,
  sheetName: string,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: escapeCell(column.header),
    key: column.header,
    width: column.width ?? 14,
    ...(column.kind === 'decimal2' && { style: { numFmt: '0.00' } }),
  }));
  let count = 0;
  for await (const row of rows) {
    count += 1;
    sheet
      .addRow(
        columns.map((column) => {
          const value = column.value(row);
          return typeof value === 'number' ? value : escapeCell(value);
        }),
      )
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
