import { Schema, type Connection } from 'mongoose';
import { modelFor } from '../db/model';

export interface Team {
  id: string;
  orgId: string;
  name: string;
}

interface TeamDocument {
  orgId: string;
  name: string;
  createdAt: Date;
}

const teamSchema = new Schema<TeamDocument>(
  {
    orgId: { type: String, required: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'teams', versionKey: false },
);
teamSchema.index({ orgId: 1, name: 1 }, { unique: true });

function model(db: Connection) {
  return modelFor(db, 'Team', teamSchema);
}

const present = (doc: TeamDocument & { _id: unknown }): Team => ({
  id: String(doc._id),
  orgId: doc.orgId,
  name: doc.name,
});

export async function ensureTeamIndexes(db: Connection): Promise<void> {
  await model(db).createIndexes();
}

export async function insertTeam(
  db: Connection,
  input: { orgId: string; name: string; now: Date },
): Promise<Team> {
  const doc = await model(db).create({
    orgId: input.orgId,
    name: input.name,
    createdAt: input.now,
  });
  return present(doc.toObject());
}

export async function findTeamByName(
  db: Connection,
  orgId: string,
  name: string,
): Promise<Team | null> {
  const doc = await model(db).findOne({ orgId, name }).lean();
  return doc ? present(doc) : null;
}

/** Teams of one organisation; `ids` narrows to those teams (a non-beheerder sees only their own). */
export async function listTeams(db: Connection, orgId: string, ids?: string[]): Promise<Team[]> {
  const filter: Record<string, unknown> = { orgId };
  if (ids) filter._id = { $in: ids };
  const docs = await model(db).find(filter).sort({ name: 1 }).lean();
  return docs.map(present);
}

export async function countTeamsIn(db: Connection, orgId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return model(db).countDocuments({ orgId, _id: { $in: ids } });
}
