import { refusalExplanation } from './case-file-text';

describe('refusalExplanation (a 422 in Dutch)', () => {
  it('says why, and what can be done now', () => {
    expect(
      refusalExplanation({ code: 'EVENT_NOT_ALLOWED', allowedEvents: ['RESUME', 'CLOSE'] }),
    ).toEqual([
      'Deze handeling past niet bij de huidige status van het traject.',
      'Wat nu wel kan: Hervatten, Traject afsluiten.',
    ]);
    expect(refusalExplanation({ code: 'PRODUCT_DISABLED', allowedEvents: [] })).toEqual([
      'Dit product wordt door de organisatie niet aangeboden.',
      'Er kan nu niets worden vastgelegd.',
    ]);
  });

  it('explains a 403 as a matter of role and an unknown code generically', () => {
    expect(refusalExplanation({ code: 'FORBIDDEN', allowedEvents: [] })[0]).toContain(
      'alleen een teamleider',
    );
    expect(refusalExplanation({ code: 'SOMETHING_NEW', allowedEvents: [] })[0]).toBe(
      'De server weigert deze handeling.',
    );
  });
});
