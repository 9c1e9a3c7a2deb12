/** @jest-environment jsdom */
import { cleanup, render, screen, within } from '@testing-library/react';
import { Ladder } from './Ladder';

afterEach(cleanup);

describe('Ladder', () => {
  it('draws trede 6 down to 1 with their Dutch names, marking current and target in text', () => {
    render(<Ladder current={2} target={3} />);
    const rungs = screen.getAllByRole('listitem');
    expect(rungs.map((rung) => rung.querySelector('.ladder__number')?.textContent)).toEqual([
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
    ]);
    expect(rungs[5]?.textContent).toContain('Geïsoleerd');
    expect(rungs[0]?.textContent).toContain('Betaald werk');
    const current = rungs.find((rung) => rung.getAttribute('aria-current') === 'step')!;
    expect(within(current).getByText(/Huidige trede/)).toBeTruthy();
    expect(current?.textContent).toContain('Sociale contacten buitenshuis');
    expect(rungs[3]?.textContent).toContain('Doel');
    expect(rungs.filter((rung) => rung.textContent?.includes('Doel'))).toHaveLength(1);
  });

  it('marks one rung as both current and target when they coincide (Stabiel)', () => {
    render(<Ladder current={3} target={3} />);
    const rung = screen.getAllByRole('listitem')[3]!;
    expect(rung?.textContent).toContain('Huidige trede');
    expect(rung?.textContent).toContain('Doel');
  });
});
