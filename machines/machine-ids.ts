import type { MachineId } from './types';

export const MACHINE_IDS: readonly MachineId[] = ['ontwikkeltraject', 'stabiel', 'herontdekken'];

export function isMachineId(value: unknown): value is MachineId {
  return typeof value === 'string' && (MACHINE_IDS as readonly string[]).includes(value);
}
