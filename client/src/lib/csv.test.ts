import { csvCell, toDutchCsv } from './csv';

describe('Dutch Excel CSV', () => {
  it('starts with a BOM, separates with ; and ends rows with CRLF', () => {
    expect(
      toDutchCsv([
        ['a', 'b'],
        ['ë', 2.5],
      ]),
    ).toBe('\uFEFFa;b\r\në;2,5\r\n');
  });

  it('quotes ; " and newlines, and neutralises formulas with a leading quote', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zei "hoi"')).toBe('"zei ""hoi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+31')).toBe("'+31");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
