/** @jest-environment jsdom */
import { cleanup, render, screen } from '@testing-library/react';
import { machineGraph } from '../../../machines';
import { layoutGraph, MachineDiagram } from './MachineDiagram';

afterEach(cleanup);

describe('MachineDiagram', () => {
  it('lays out every state of the machine, the initial one in the first column', () => {
    const graph = machineGraph('ontwikkeltraject');
    const { placed } = layoutGraph(graph);
    expect(placed.map((state) => state.key).sort()).toEqual(graph.states.map((s) => s.key).sort());
    const x = (key: string) => placed.find((state) => state.key === key)!.x;
    expect(Math.min(...placed.map((state) => state.x))).toBe(x('registered'));
    expect(x('active')).toBeGreaterThan(x('registered'));
    expect(x('stepAchieved')).toBeGreaterThan(x('active'));
    const positions = new Set(placed.map((state) => `${state.x},${state.y}`));
    expect(positions.size).toBe(placed.length); // no two boxes on one spot
  });

  it('highlights the current state and lists where it can go, in Dutch', () => {
    const { container } = render(
      <MachineDiagram machineId="ontwikkeltraject" current="stepAchieved" />,
    );
    const current = container.querySelectorAll('.machine__state--current');
    expect(current).toHaveLength(1);
    expect(current[0]!.textContent).toBe('▶ Stap behaald');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain(
      'huidige toestand Stap behaald',
    );
    const next = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(next).toContain('Volgende stap starten → Actief');
    expect(next).toContain('Traject afsluiten → Afgesloten');
  });
});
