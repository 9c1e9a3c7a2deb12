import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { machineFor } from './machine-registry';
import { CURRENT_MACHINE_VERSIONS } from './migrations';
import type { MachineId } from './types';

/**
 * Mermaid diagrams generated from the machine definitions themselves (issue 3: "from the machine
 * definition itself, not drawn by hand"). `scripts/generate-machine-diagrams.ts` writes them to
 * docs/machines/; machines/diagrams.test.ts fails when the committed files differ.
 */

const TITLES: Record<MachineId, string> = {
  ontwikkeltraject: 'Ontwikkeltraject (ONT)',
  stabiel: 'Stabiel (STA-2, STA-3, STA-4)',
  herontdekken: 'Herontdekken (HER)',
};

type GuardLike = string | { type: string; params?: unknown } | ((...args: never[]) => unknown);

function describeGuard(guard: unknown): string {
  const value = guard as GuardLike;
  if (typeof value === 'string') return value;
  if (typeof value === 'function') {
    const inner = (value as { guards?: unknown[] }).guards;
    return inner ? inner.map(describeGuard).join(' and ') : 'inline guard';
  }
  const params = value.params;
  if (params && typeof params === 'object') {
    return `${value.type}(${Object.values(params as Record<string, unknown>)
      .map(String)
      .join(', ')})`;
  }
  return value.type;
}

function label(transition: AnyTransitionDefinition): string {
  return transition.guard
    ? `${transition.eventType} [${describeGuard(transition.guard)}]`
    : transition.eventType;
}

function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...node.transitions.values()].flat();
}

/** The Markdown document for one machine: a stateDiagram-v2 and the events that keep the state. */
export function renderMachineDiagram(id: MachineId): string {
  const machine = machineFor(id);
  const states = Object.values(machine.root.states) as AnyStateNode[];
  const lines: string[] = ['stateDiagram-v2', `  [*] --> ${String(machine.root.config.initial)}`];
  const staying: string[] = [];

  for (const node of states) {
    const stays: string[] = [];
    for (const transition of transitionsOf(node)) {
      const target = transition.target?.[0];
      if (target) lines.push(`  ${node.key} --> ${target.key} : ${label(transition)}`);
      else stays.push(label(transition));
    }
    if (node.type === 'final') lines.push(`  ${node.key} --> [*]`);
    if (stays.length > 0)
      staying.push(`| \`${node.key}\` | ${stays.map((text) => `\`${text}\``).join(', ')} |`);
  }

  return [
    `# ${TITLES[id]} — machine \`${id}\`, version ${CURRENT_MACHINE_VERSIONS[id]}`,
    '',
    `Generated from \`machines/${id}.ts\` by \`npm run machines:diagrams\`; do not edit by hand`,
    '(`machines/diagrams.test.ts` fails when this file and the machine differ). Guards are named in',
    'brackets; `DEADLINE_PASSED` is sent by the system only (SPEC §2.3).',
    '',
    '```mermaid',
    ...lines,
    '```',
    '',
    '## Events that keep the state',
    '',
    "These are accepted without a change of state (they update the trajectory's data).",
    '',
    '| state | events |',
    '| --- | --- |',
    ...staying,
    '',
  ].join('\n');
}

/** A machine's states and state-changing transitions, for drawing it (the client lays it out). */
export interface MachineGraph {
  initial: string;
  states: Array<{ key: string; final: boolean }>;
  transitions: Array<{ from: string; to: string; event: string; guard: string | null }>;
}

/** Read from the machine definition itself, like the Mermaid documents above. */
export function machineGraph(id: MachineId): MachineGraph {
  const machine = machineFor(id);
  const nodes = Object.values(machine.root.states) as AnyStateNode[];
  const transitions: MachineGraph['transitions'] = [];
  for (const node of nodes) {
    for (const transition of transitionsOf(node)) {
      const target = transition.target?.[0];
      if (target && target.key !== node.key) {
        transitions.push({
          from: node.key,
          to: target.key,
          event: transition.eventType,
          guard: transition.guard ? describeGuard(transition.guard) : null,
        });
      }
    }
  }
  return {
    initial: String(machine.root.config.initial),
    states: nodes.map((node) => ({ key: node.key, final: node.type === 'final' })),
    transitions,
  };
}
