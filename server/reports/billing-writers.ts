import type { Writable } from 'node:stream';
import type { BillingRow, BillingTotals } from './billing';
import { writeSheetCsv, writeSheetXlsx, type SheetColumn } from './spreadsheet';

/** The billing columns for Dutch spreadsheet users; the last line is the total (docs/reporting.md). */
export const BILLING_COLUMNS: Array<SheetColumn<BillingRow>> = [
  { header: 'opdrachtgever', value: (row) => row.opdrachtgever, width: 24 },
  { header: 'gemeentecode', value: (row) => row.gemeentecode ?? '' },
  { header: 'product', value: (row) => row.product },
  { header: 'productnaam', value: (row) => row.productName, width: 30 },
  { header: 'deelnemers', value: (row) => row.participants, kind: 'integer' },
  { header: 'declarabele_dagen', value: (row) => row.billableDays, kind: 'integer' },
  { header: 'minuten', value: (row) => row.minutes, kind: 'integer' },
  { header: 'uren', value: (row) => row.hours, kind: 'decimal2' },
  { header: 'tarief_per_uur', value: (row) => row.tariff, kind: 'decimal2' },
  { header: 'bedrag', value: (row) => row.amount, kind: 'decimal2' },
];

/** The total as one more line: no tariff (rows may have different ones). */
function totalLine(total: BillingTotals): BillingRow {
  return {
    opdrachtgeverId: '',
    opdrachtgever: 'Totaal',
    gemeentecode: null,
    product: '',
    productName: '',
    participants: total.participants,
    billableDays: total.billableDays,
    minutes: total.minutes,
    hours: total.hours,
    tariffCents: 0,
    tariff: 0,
    amountCents: total.amountCents,
    amount: total.amount,
  };
}

export function writeBillingCsv(
  report: { rows: BillingRow[]; total: BillingTotals },
  out: Writable,
): Promise<number> {
  return writeSheetCsv([...report.rows, totalLine(report.total)], BILLING_COLUMNS, out);
}

export function writeBillingXlsx(
  report: { rows: BillingRow[]; total: BillingTotals },
  out: Writable,
): Promise<number> {
  return writeSheetXlsx(
    [...report.rows, totalLine(report.total)],
    BILLING_COLUMNS,
    out,
    'Declaratie',
  );
}
