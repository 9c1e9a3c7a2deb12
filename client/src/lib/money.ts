/**
 * Euro amounts in the client: the API counts integer cents (tariffs, billing), people read and
 * type euros with a decimal comma.
 */
const currency = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** For reading: 1234 → "€ 12,34". */
export function formatEuros(cents: number): string {
  return currency.format(cents / 100);
}

/** For a form field: 1100 → "11,00". */
export function centsToEuroText(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/** What was typed: "12,5" or "12.50" → 1250; anything else → NaN (the form says it is invalid). */
export function euroTextToCents(text: string): number {
  const match = /^(\d+)(?:[,.](\d{1,2}))?$/.exec(text.trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : NaN;
}
