import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../machines';
import { participantPseudonym } from './pseudonym';
import type { SheetColumn } from './spreadsheet';
import type { TransitionRow } from './transitions.repository';

/** One exported transition: pseudonymised, with the team's name and the Amsterdam date. */
export interface ExportRow {
  participant: string;
  teamId: string;
  team: string;
  from: number;
  to: number;
  direction: 'up' | 'down';
  at: string;
  date: string;
  product: string | null;
  reason: 'assessment' | 'conclusion';
}

/**
 * The Amsterdam calendar day of an instant (YYYY-MM-DD), remembering the last day's bounds in UTC:
 * the export's rows come in time order, so luxon runs about once per day instead of once per row
 * (it was ~60% of the per-row work, decision 053). Exact for any instant and any order: a time
 * outside the remembered day is computed afresh.
 */
export function amsterdamDayOf(): (at: Date) => string {
  let day = '';
  let start = 0;
  let end = 0;
  return (at) => {
    const time = at.getTime();
    if (!(time >= start && time < end)) {
      const midnight = DateTime.fromMillis(time, { zone: TIME_ZONE }).startOf('day');
      day = midnight.toISODate()!;
      start = midnight.toMillis();
      end = midnight.plus({ days: 1 }).toMillis();
    }
    return day;
  };
}

export async function* toExportRows(
  rows: AsyncIterable<TransitionRow>,
  options: { secret: string; orgId: string; teamNames: Map<string, string> },
): AsyncGenerator<ExportRow> {
  const dayOf = amsterdamDayOf();
  for await (const row of rows) {
    yield {
      participant: participantPseudonym(options.secret, options.orgId, row.caseId),
      teamId: row.teamId,
      team: options.teamNames.get(row.teamId) ?? '',
      from: row.from,
      to: row.to,
      direction: row.to > row.from ? 'up' : 'down',
      at: row.at.toISOString(),
      date: dayOf(row.at),
      product: row.product,
      reason: row.reason,
    };
  }
}

/** Column headings and values for Dutch spreadsheet users (CSV and XLSX). */
export const SPREADSHEET_COLUMNS: Array<SheetColumn<ExportRow>> = [
  { header: 'deelnemer', value: (row) => row.participant, width: 20 },
  { header: 'team', value: (row) => row.team },
  { header: 'van_trede', value: (row) => row.from },
  { header: 'naar_trede', value: (row) => row.to },
  { header: 'richting', value: (row) => (row.direction === 'up' ? 'omhoog' : 'omlaag') },
  { header: 'datum', value: (row) => row.date },
  { header: 'product', value: (row) => row.product ?? '' },
  { header: 'reden', value: (row) => (row.reason === 'assessment' ? 'beoordeling' : 'conclusie') },
];
