import { SIGNAL_CODES } from '../../../../machines';
import type { SignalItem } from '../../lib/api-types';
import { deadlineFacts } from '../../lib/dates';

export interface Group {
  key: string;
  items: SignalItem[];
}

/** Overdue (by state, or by a passed deadline on the peildatum) comes first. */
export function isOverdue(item: SignalItem, asOf: Date): boolean {
  if (item.state === 'overdue' || item.state === 'reviewDue') return true;
  return item.deadlineAt !== null && deadlineFacts(item.deadlineAt, asOf).daysLeft < 0;
}

/**
 * Urgency: overdue first, then the nearest deadline, then those without a deadline; ties by
 * cliëntnummer so the order is stable between reloads (and in the CSV).
 */
export function byUrgency(asOf: Date) {
  return (a: SignalItem, b: SignalItem): number => {
    const overdue = Number(isOverdue(b, asOf)) - Number(isOverdue(a, asOf));
    if (overdue !== 0) return overdue;
    if (a.deadlineAt !== b.deadlineAt) {
      if (a.deadlineAt === null) return 1;
      if (b.deadlineAt === null) return -1;
      return a.deadlineAt < b.deadlineAt ? -1 : 1;
    }
    return a.clientNumber.localeCompare(b.clientNumber, 'nl');
  };
}

/**
 * Grouped by signal: one group per code in SPEC order (empty groups left out); a trajectory with
 * two signals appears under both, as the counts per signal also count it twice.
 */
export function groupBySignal(items: readonly SignalItem[], asOf: Date): Group[] {
  const sort = byUrgency(asOf);
  return SIGNAL_CODES.flatMap((code) => {
    const members = items.filter((item) => item.signals.includes(code)).sort(sort);
    return members.length ? [{ key: code, items: members }] : [];
  });
}

/** Grouped by begeleider, in the order of `names` (alphabetical), unknown ids last. */
export function groupByBegeleider(
  items: readonly SignalItem[],
  asOf: Date,
  nameOf: (begeleiderId: string) => string,
): Group[] {
  const sort = byUrgency(asOf);
  const ids = [...new Set(items.map((item) => item.begeleiderId))].sort((a, b) =>
    nameOf(a).localeCompare(nameOf(b), 'nl'),
  );
  return ids.map((id) => ({
    key: id,
    items: items.filter((item) => item.begeleiderId === id).sort(sort),
  }));
}
