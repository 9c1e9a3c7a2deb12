import { Schema, type Connection } from 'mongoose';
import { createIndexesOrWarn } from '../db/indexes';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { modelFor } from '../db/model';
import { comparisonKey } from '../http/text';
import type { OrgScope } from '../policies/scope';

export interface Team {
  id: string;
  orgId: string;
  name: string;
}

interface TeamDocument {
  orgId: string;
  name: string;
  /** comparisonKey(name): team names are unique per organisation in this form (hole 6). */
  nameKey: string;
  createdAt: Date;
}

const teamSchema = new Schema<TeamDocument>(
  {
    orgId: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'teams', versionKey: false },
);
teamSchema.index({ orgId: 1, name: 1 }, { unique: true });
teamSchema.index({ orgId: 1, nameKey: 1 }, { unique: true });

function model(db: Connection) {
  return modelFor(db, 'Team', teamSchema);
}

const toRecord = (doc: TeamDocument & { _id: unknown }): Team => ({
  id: String(doc._id),
  orgId: doc.orgId,
  name: doc.name,
});

export class DuplicateTeamNameError extends Error {}

export async function ensureTeamIndexes(db: Connection): Promise<void> {
  // Teams created before names were compared case-insensitively get their key first.
  const missing = await model(db)
    .find({ nameKey: { $exists: false } }, { name: 1 })
    .lean<Array<{ _id: unknown; name: string }>>();
  for (const team of missing)
    await model(db).updateOne({ _id: team._id }, { $set: { nameKey: comparisonKey(team.name) } });
  await createIndexesOrWarn('teams', () => model(db).createIndexes());
}

export async function insertTeam(
  db: Connection,
  input: { orgId: string; name: string; now: Date },
): Promise<Team> {
  try {
    const doc = await model(db).create({
      orgId: input.orgId,
      name: input.name,
      nameKey: comparisonKey(input.name),
      createdAt: input.now,
    });
    return toRecord(doc.toObject());
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new DuplicateTeamNameError(input.name);
    throw error;
  }
}

export async function findTeamByName(
  db: Connection,
  scope: OrgScope,
  name: string,
): Promise<Team | null> {
  const doc = await model(db)
    .findOne({ orgId: scope.orgId, nameKey: comparisonKey(name) })
    .lean();
  return doc ? toRecord(doc) : null;
}

/** Teams of one organisation; `ids` narrows to those teams (a non-beheerder sees only their own). */
export async function findTeams(db: Connection, scope: OrgScope, ids?: string[]): Promise<Team[]> {
  const filter: Record<string, unknown> = { orgId: scope.orgId };
  if (ids) filter._id = { $in: ids };
  const docs = await model(db).find(filter).sort({ name: 1 }).lean();
  return docs.map(toRecord);
}

export async function countTeamsIn(
  db: Connection,
  scope: OrgScope,
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  return model(db).countDocuments({ orgId: scope.orgId, _id: { $in: ids } });
}
