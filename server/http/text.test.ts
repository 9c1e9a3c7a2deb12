import { comparisonKey, nameText } from './text';

describe('nameText', () => {
  const schema = nameText(100);

  it.each([
    ['NUL', 'Jan\u0000'],
    ['right-to-left override', 'Jan \u202Egnp.exe'],
    ['isolate', 'Team \u2066Noord'],
    ['zero-width space only', '\u200B\u200B'],
    ['zero-width suffix', 'Team Noord\u200B'],
    ['CR/LF', 'Jan\r\nJansen'],
    ['BOM inside', 'Ja\uFEFFn'],
    ['only spaces', '   '],
    ['only combining marks', '\u0301\u0301'],
  ])('refuses %s', (_name, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });

  it('normalises to NFC and trims', () => {
    const decomposed = 'Zoë'.normalize('NFD');
    expect(schema.parse(`  ${decomposed} `)).toBe('Zoë'.normalize('NFC'));
    expect(schema.parse("d'Hondt-Öztürk")).toBe("d'Hondt-Öztürk");
  });
});

describe('comparisonKey', () => {
  it('folds case and compatibility forms', () => {
    expect(comparisonKey('TEAM Noord')).toBe(comparisonKey('team noord'));
    expect(comparisonKey('Ｔｅａｍ Ｎｏｏｒｄ')).toBe(comparisonKey('team noord'));
    expect(comparisonKey('DEMO-0002')).toBe(comparisonKey('demo-0002'));
  });
});
