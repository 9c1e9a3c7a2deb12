import { centsToEuroText, euroTextToCents, formatEuros } from './money';

describe('euros and cents', () => {
  it('reads typed euros with a comma or a point, one or two decimals', () => {
    expect(euroTextToCents('12,5')).toBe(1250);
    expect(euroTextToCents(' 12.05 ')).toBe(1205);
    expect(euroTextToCents('7')).toBe(700);
    for (const bad of ['', '12,345', '-1', '1.000,00', 'twaalf'])
      expect(euroTextToCents(bad)).toBeNaN();
  });

  it('writes cents back for a field and for reading', () => {
    expect(centsToEuroText(1100)).toBe('11,00');
    expect(euroTextToCents(centsToEuroText(3021))).toBe(3021);
    expect(formatEuros(10516).replace(/\s/g, ' ')).toBe('€ 105,16');
  });
});
