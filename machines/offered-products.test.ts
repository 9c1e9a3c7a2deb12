import { DEFAULT_SETTINGS, offeredProducts, resolveSettings } from './products';
import { machineGraph } from './diagrams';

describe('offeredProducts (SPEC §2.2–2.3)', () => {
  const codes = (trede: 1 | 2 | 3 | 4 | 5 | 6, settings = DEFAULT_SETTINGS) =>
    offeredProducts(settings, trede).map((offer) => `${offer.product}:${offer.targetTrede ?? '-'}`);

  it('offers an Ontwikkeltraject to the next trede, Stabiel only on its own trede, Herontdekken always', () => {
    expect(codes(1)).toEqual(['ONT:2', 'HER:-']);
    expect(codes(3)).toEqual(['ONT:4', 'STA-3:-', 'HER:-']);
    expect(codes(4)).toEqual(['ONT:5', 'STA-4:-', 'HER:-']);
    expect(codes(5)).toEqual(['HER:-']);
  });

  it('leaves out what the organisation does not offer (STA-2 disabled by default)', () => {
    expect(codes(2)).toEqual(['ONT:3', 'HER:-']);
    const withSta2 = resolveSettings({ products: { 'STA-2': { enabled: true } } });
    expect(codes(2, withSta2)).toEqual(['ONT:3', 'STA-2:-', 'HER:-']);
  });
});

describe('machineGraph', () => {
  it('lists the states and the state-changing transitions of the machine definition', () => {
    const graph = machineGraph('ontwikkeltraject');
    expect(graph.initial).toBe('registered');
    expect(graph.states.map((state) => state.key)).toContain('stepAchieved');
    expect(graph.transitions).toContainEqual(
      expect.objectContaining({ from: 'stepAchieved', to: 'active', event: 'NEXT_STEP' }),
    );
    expect(graph.transitions.every((t) => t.from !== t.to)).toBe(true);
  });
});
