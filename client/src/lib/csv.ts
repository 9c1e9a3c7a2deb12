/**
 * CSV as Dutch Excel opens it without an import wizard: `;` between fields (the comma is the
 * decimal separator in nl-NL), a UTF-8 byte-order mark (else Excel reads ë as Ã«), CRLF rows.
 * A cell starting with = + - @ (or tab/CR) is prefixed with ' so Excel shows it as text instead
 * of running it as a formula (CSV/formula injection, OWASP).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toDutchCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** Offers text as a file download (a Blob URL: no server round trip, exactly what is shown). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
