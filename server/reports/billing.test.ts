import fc from 'fast-check';
import {
  BillingAccumulator,
  monthOf,
  opdrachtgeverAt,
  type BillingCase,
  type BillingOpdrachtgever,
} from './billing';

/**
 * Billing of cases that moved between opdrachtgevers (decision 031), as a property over random
 * moves and contacts in March 2026: every minute and every billable day is on exactly one
 * opdrachtgever's bill — the one of its instant (a day: of its 00:00) — so the opdrachtgevers'
 * own bills add up to the whole month's.
 */
const march = monthOf('2026-03');
const start = march.start.getTime();
const span = march.end.getTime() - start;
const IDS = ['A', 'B', 'C'];
const opdrachtgevers = new Map<string, BillingOpdrachtgever>(
  IDS.map((id, index) => [
    id,
    {
      id,
      name: id,
      gemeentecode: null,
      tariffHistory: [{ from: null, tariffs: { ONT: 1000 + 100 * index } }],
      productNames: { ONT: 'Ontwikkeltraject' },
    },
  ]),
);

const caseArbitrary = fc
  .record({
    first: fc.constantFrom(...IDS),
    moves: fc.array(
      fc.record({ to: fc.constantFrom(...IDS), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { maxLength: 3 },
    ),
    contacts: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 0.999, noNaN: true }),
        minutes: fc.integer({ min: 1, max: 120 }),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ first, moves, contacts }): BillingCase & { expected: Map<string, number> } => {
    const sortedMoves = [...moves].sort((a, b) => a.at - b.at);
    let from = first;
    const chain = sortedMoves.map((move) => {
      const entry = { from, to: move.to, at: new Date(start + Math.floor(move.at * span)) };
      from = move.to;
      return entry;
    });
    const history = [
      {
        type: 'START',
        occurredAt: new Date(start - 86_400_000),
        fromState: 'registered' as const,
        toState: 'active' as const,
        payload: {},
      },
      ...[...contacts]
        .sort((a, b) => a.at - b.at)
        .map((contact) => ({
          type: 'RECORD_CONTACT',
          occurredAt: new Date(start + Math.floor(contact.at * span)),
          fromState: 'active' as const,
          toState: 'active' as const,
          payload: { minutes: contact.minutes },
        })),
    ];
    const billingCase: BillingCase = {
      caseId: 'generated', // numbered below
      opdrachtgeverId: from,
      moves: chain,
      trajectories: [{ product: 'ONT', history }],
    };
    // Independently of opdrachtgeverAt: a contact belongs to the last move at or before it.
    const expected = new Map<string, number>();
    for (const entry of history.slice(1)) {
      const at = entry.occurredAt.getTime();
      const owner = chain.filter((move) => move.at.getTime() <= at).at(-1)?.to ?? first;
      expected.set(
        owner,
        (expected.get(owner) ?? 0) + ((entry.payload as { minutes?: number }).minutes ?? 0),
      );
    }
    return { ...billingCase, expected };
  });

describe('billing a case that moved between opdrachtgevers', () => {
  it('puts each minute and day on exactly one bill, and the bills add up to the month', () => {
    fc.assert(
      fc.property(fc.array(caseArbitrary, { minLength: 1, maxLength: 5 }), (generated) => {
        const cases = generated.map((item, index) => ({ ...item, caseId: `case-${index}` }));
        const bill = (only: string | null) => {
          const accumulator = new BillingAccumulator(march, opdrachtgevers, march.end, only);
          for (const billingCase of cases) accumulator.add(billingCase);
          return accumulator.result(() => 0);
        };
        const whole = bill(null);
        const parts = IDS.map((id) => bill(id));
        // 31 days per case, each on one bill.
        expect(whole.total.billableDays).toBe(31 * cases.length);
        expect(parts.reduce((sum, part) => sum + part.total.billableDays, 0)).toBe(
          whole.total.billableDays,
        );
        expect(parts.reduce((sum, part) => sum + part.total.minutes, 0)).toBe(whole.total.minutes);
        expect(parts.reduce((sum, part) => sum + part.total.amountCents, 0)).toBe(
          whole.total.amountCents,
        );
        IDS.forEach((id, index) => {
          const minutes = cases.reduce((sum, item) => sum + (item.expected.get(id) ?? 0), 0);
          expect(parts[index]!.total.minutes).toBe(minutes);
          expect(parts[index]!.rows.every((row) => row.opdrachtgeverId === id)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('before the first move the case is its first opdrachtgever’s, from each move the new one’s', () => {
    const moved: BillingCase = {
      caseId: 'c',
      opdrachtgeverId: 'C',
      moves: [
        { from: 'A', to: 'B', at: new Date('2026-03-10T12:00:00.000Z') },
        { from: 'B', to: 'C', at: new Date('2026-03-20T12:00:00.000Z') },
      ],
      trajectories: [],
    };
    expect(opdrachtgeverAt(moved, Date.parse('2026-03-10T11:59:59.999Z'))).toBe('A');
    expect(opdrachtgeverAt(moved, Date.parse('2026-03-10T12:00:00.000Z'))).toBe('B');
    expect(opdrachtgeverAt(moved, Date.parse('2026-03-25T00:00:00.000Z'))).toBe('C');
    expect(opdrachtgeverAt({ ...moved, moves: [] }, 0)).toBe('C');
  });
});
