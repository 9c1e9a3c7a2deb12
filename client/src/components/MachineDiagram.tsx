import { machineGraph, type MachineGraph, type MachineId } from '../../../machines';
import { nl } from '../i18n/nl';

const BOX_W = 150;
const BOX_H = 40;
const COL_GAP = 70;
const ROW_GAP = 34;

type Placed = { key: string; final: boolean; x: number; y: number };

/**
 * Layered layout done here in the browser: columns by distance from the initial state (breadth
 * first over the machine's own transitions), final states last, rows in definition order. Small machines (≤ 8 states)
 * need nothing cleverer, and no diagram service is involved.
 */
export function layoutGraph(graph: MachineGraph): {
  placed: Placed[];
  width: number;
  height: number;
} {
  const depth = new Map<string, number>([[graph.initial, 0]]);
  const queue = [graph.initial];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const edge of graph.transitions) {
      if (edge.from === from && !depth.has(edge.to)) {
        depth.set(edge.to, depth.get(from)! + 1);
        queue.push(edge.to);
      }
    }
  }
  // Final states go in a column of their own at the end, so every edge into them runs forward.
  const finals = new Set(graph.states.filter((state) => state.final).map((state) => state.key));
  const maxDepth = Math.max(
    0,
    ...[...depth.entries()].filter(([key]) => !finals.has(key)).map(([, value]) => value),
  );
  for (const key of finals) depth.set(key, maxDepth + 1);
  const rows = new Map<number, number>();
  const placed = graph.states.map((state) => {
    const column = depth.get(state.key) ?? maxDepth + 2;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return {
      key: state.key,
      final: state.final,
      x: 10 + column * (BOX_W + COL_GAP),
      y: 30 + row * (BOX_H + ROW_GAP),
    };
  });
  const width = Math.max(...placed.map((p) => p.x)) + BOX_W + 70;
  const height = Math.max(...placed.map((p) => p.y)) + BOX_H + 10;
  return { placed, width, height };
}

/**
 * Forward edges run right to the next column; edges within a column arc out on the right side
 * (further out the more rows they span); backward edges arc above, so they do not cross the boxes.
 */
function edgePath(from: Placed, to: Placed): string {
  const midY = (box: Placed) => box.y + BOX_H / 2;
  if (to.x > from.x) {
    const x1 = from.x + BOX_W;
    const mx = (x1 + to.x) / 2;
    return `M${x1},${midY(from) - 4} C${mx},${midY(from) - 4} ${mx},${midY(to) - 4} ${to.x},${midY(to) - 4}`;
  }
  if (to.x === from.x) {
    const x = from.x + BOX_W;
    const reach = 18 + (Math.abs(to.y - from.y) / (BOX_H + ROW_GAP)) * 12;
    const down = to.y > from.y ? 1 : -1;
    return `M${x},${midY(from) + 6 * down} C${x + reach},${midY(from) + 6 * down} ${x + reach},${midY(to) - 6 * down} ${x},${midY(to) - 6 * down}`;
  }
  const top = Math.min(from.y, to.y) - 8;
  return `M${from.x + BOX_W / 2},${from.y} C${from.x + BOX_W / 2},${top - 20} ${to.x + BOX_W / 2},${top - 20} ${to.x + BOX_W / 2},${to.y}`;
}

const stateLabel = (key: string) => nl.states[key as keyof typeof nl.states] ?? key;
const eventLabel = (type: string) =>
  type === 'DEADLINE_PASSED'
    ? nl.historyTypes.DEADLINE_PASSED
    : (nl.events[type as keyof typeof nl.events] ?? type);

/** The trajectory's machine with the current state highlighted; its text list says the same. */
export function MachineDiagram(props: { machineId: MachineId; current: string }) {
  const graph = machineGraph(props.machineId);
  const { placed, width, height } = layoutGraph(graph);
  const at = new Map(placed.map((p) => [p.key, p]));
  // One line per pair of states (several events may lead the same way).
  const pairs = new Map<string, { from: Placed; to: Placed; events: string[] }>();
  for (const edge of graph.transitions) {
    const from = at.get(edge.from);
    const to = at.get(edge.to);
    if (!from || !to) continue;
    const key = `${edge.from}->${edge.to}`;
    const pair = pairs.get(key) ?? { from, to, events: [] };
    if (!pair.events.includes(edge.event)) pair.events.push(edge.event);
    pairs.set(key, pair);
  }
  const next = graph.transitions.filter((edge) => edge.from === props.current);
  return (
    <figure className="machine">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`${nl.caseFile.machine}: ${nl.caseFile.machineCurrent} ${stateLabel(props.current)}`}
      >
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
          </marker>
        </defs>
        {[...pairs.values()].map(({ from, to, events }) => {
          const path = edgePath(from, to);
          return (
            <g
              key={`${from.key}-${to.key}`}
              className={
                from.key === props.current ? 'machine__edge machine__edge--next' : 'machine__edge'
              }
            >
              <path d={path} fill="none" stroke="currentColor" markerEnd="url(#arrow)">
                <title>{`${stateLabel(from.key)} → ${stateLabel(to.key)}: ${events.map(eventLabel).join(', ')}`}</title>
              </path>
            </g>
          );
        })}
        {placed.map((state) => {
          const current = state.key === props.current;
          return (
            <g
              key={state.key}
              className={current ? 'machine__state machine__state--current' : 'machine__state'}
            >
              <rect
                x={state.x}
                y={state.y}
                width={BOX_W}
                height={BOX_H}
                rx={state.final ? 20 : 6}
              />
              <text x={state.x + BOX_W / 2} y={state.y + BOX_H / 2 + 5} textAnchor="middle">
                {current ? `▶ ${stateLabel(state.key)}` : stateLabel(state.key)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <p>
          {nl.caseFile.machineCurrent}: <strong>{stateLabel(props.current)}</strong>
        </p>
        {next.length > 0 && (
          <>
            <p>{nl.caseFile.machineNext}:</p>
            <ul>
              {next.map((edge, index) => (
                <li key={index}>
                  {eventLabel(edge.event)} → {stateLabel(edge.to)}
                </li>
              ))}
            </ul>
          </>
        )}
      </figcaption>
    </figure>
  );
}
