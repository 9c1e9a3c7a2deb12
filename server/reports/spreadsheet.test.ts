import { escapeCell } from './spreadsheet';

/**
 * SPEC §4: every text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
 * `'`. Names with a tab or CR never reach an export through the API (http/text.ts refuses control
 * characters, notes and reasons are trimmed), so the last two are proven here, at the writer.
 */
describe('escapeCell (CSV/formula injection)', () => {
  it.each(['=HYPERLINK("http://x")', '+31', '-2+3', '@SUM(A1)', '\tWest', '\rMidden'])(
    'writes %j with a leading quote',
    (text) => {
      expect(escapeCell(text)).toBe(`'${text}`);
    },
  );

  it.each(['Noord', "'al veilig", '3 = 3', 'a-b', ''])('leaves %j as typed', (text) => {
    expect(escapeCell(text)).toBe(text);
  });
});
