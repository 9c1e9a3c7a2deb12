import { isTrede } from '../ladder';

/**
 * Version 2 → 3 (issue 7, decisions 006–009; the three machines share their context).
 *
 * - `lastUserEventAt`: the floor for backdating is the latest *user* event (SPEC §2.3). A v2
 *   snapshot does not say whether its last event was the system's, so the floor stays where v2 had
 *   it (`lastEventAt`): never lower than before, so nothing becomes possible that was refused.
 * - `derivedFrom`: null (no state to go back to is known for a v2 snapshot).
 * - `growthAt` and `relapseAt` for Stabiel: doorgroei above and terugval below the product's trede
 *   (SPEC §2.3); v2 recorded a relapse only against the assessment before.
 * - `closeOutcome`: a concluded Herontdekken trajectory records `concluded`.
 */

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(reason: string): never {
  throw new Error(`v2 snapshot: ${reason}`);
}

const dateOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function contextV2ToV3(context: Json): Json {
  if (typeof context.lastEventAt !== 'string') fail('lastEventAt is missing');
  if (!isTrede(context.currentTrede)) fail('currentTrede is not a trede');
  const terms = isRecord(context.terms) ? context.terms : fail('terms are missing');
  const kept = isTrede(terms.stabielTrede) ? terms.stabielTrede : null;
  const lastAssessedAt = dateOrNull(context.lastAssessedAt);
  const relapseAt = dateOrNull(context.relapseAt);
  const stabiel =
    kept === null
      ? {}
      : {
          relapseAt: context.currentTrede < kept ? (relapseAt ?? lastAssessedAt) : null,
          growthAt: context.currentTrede > kept ? lastAssessedAt : null,
        };
  return {
    ...context,
    lastUserEventAt: context.lastEventAt,
    derivedFrom: null,
    growthAt: null,
    ...stabiel,
    closeOutcome: context.conclusion ? 'concluded' : (context.closeOutcome ?? null),
  };
}

export function snapshotV2ToV3(snapshot: unknown): unknown {
  if (!isRecord(snapshot) || !isRecord(snapshot.context)) fail('no context');
  return { ...snapshot, context: contextV2ToV3(snapshot.context) };
}
