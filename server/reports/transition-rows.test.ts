import fc from 'fast-check';
import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../machines';
import { amsterdamDayOf } from './transition-rows';

const luxonDay = (at: Date) => DateTime.fromJSDate(at, { zone: TIME_ZONE }).toISODate();

describe('amsterdamDayOf (decision 053)', () => {
  it('gives luxon’s Amsterdam day around midnight and the DST changes', () => {
    const dayOf = amsterdamDayOf();
    const instants = [
      '2026-03-28T22:59:59.999Z', // 23:59:59.999 CET
      '2026-03-28T23:00:00.000Z', // 00:00 CET, 29 March
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z', // 03:00 CEST: the clocks go forward
      '2026-03-29T21:59:59.999Z',
      '2026-03-29T22:00:00.000Z', // 00:00 CEST, 30 March
      '2026-10-24T21:59:59.999Z',
      '2026-10-24T22:00:00.000Z', // 00:00 CEST, 25 October
      '2026-10-25T01:00:00.000Z', // 02:00 CET: the clocks go back
      '2026-10-25T22:59:59.999Z',
      '2026-10-25T23:00:00.000Z', // 00:00 CET, 26 October
      '2026-03-28T23:00:00.000Z', // back in time: computed afresh
    ].map((text) => new Date(text));
    expect(instants.map(dayOf)).toEqual(instants.map(luxonDay));
    expect(dayOf(new Date('2026-03-29T01:00:00.000Z'))).toBe('2026-03-29');
    expect(dayOf(new Date('2026-03-29T22:00:00.000Z'))).toBe('2026-03-30');
  });

  it('agrees with luxon for any sequence of instants, sorted or not', () => {
    const instant = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 60 }), fc.boolean(), (dates, sorted) => {
        const ordered = sorted ? [...dates].sort((a, b) => a.getTime() - b.getTime()) : dates;
        const dayOf = amsterdamDayOf();
        expect(ordered.map(dayOf)).toEqual(ordered.map(luxonDay));
      }),
    );
  });
});
