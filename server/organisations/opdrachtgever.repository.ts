import { Schema, type Connection } from 'mongoose';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { modelFor } from '../db/model';
import { isObjectId } from '../ids';
import type { OrgScope } from '../policies/scope';
import { forgetCaseSettings } from './settings-cache';

/**
 * An opdrachtgever (contracting municipality, SPEC §4.1) of an organisation: name, CBS
 * gemeentecode, its own settings layer (catalogue, variants, tariffs) and the dated tariffs that
 * billing uses, so that a later tariff change rewrites no past invoice.
 */
interface OpdrachtgeverDocument {
  orgId: string;
  name: string;
  /** CBS gemeentecode (GM0202); null for an organisation's default one until a beheerder sets it. */
  gemeentecode: string | null;
  settingsOverrides: Record<string, unknown>;
  /** Tariffs in force from `from` (null: since ever); machines/'s TariffPeriod once formatted. */
  tariffHistory: Array<{ from: Date | null; tariffs: Record<string, number> }>;
  createdAt: Date;
}

export interface Opdrachtgever extends OpdrachtgeverDocument {
  id: string;
}

const opdrachtgeverSchema = new Schema<OpdrachtgeverDocument>(
  {
    orgId: { type: String, required: true },
    name: { type: String, required: true },
    gemeentecode: { type: String, default: null },
    settingsOverrides: { type: Schema.Types.Mixed, default: {} },
    tariffHistory: {
      type: [
        new Schema(
          { from: { type: Date, default: null }, tariffs: { type: Schema.Types.Mixed } },
          { _id: false, minimize: false },
        ),
      ],
      default: [],
    },
    createdAt: { type: Date, required: true },
  },
  { collection: 'opdrachtgevers', versionKey: false, minimize: false },
);
opdrachtgeverSchema.index({ orgId: 1, name: 1 }, { unique: true });

function model(db: Connection) {
  return modelFor(db, 'Opdrachtgever', opdrachtgeverSchema);
}

export async function ensureOpdrachtgeverIndexes(db: Connection): Promise<void> {
  await model(db).createIndexes();
}

function toRecord(doc: OpdrachtgeverDocument & { _id: unknown }): Opdrachtgever {
  return {
    id: String(doc._id),
    orgId: doc.orgId,
    name: doc.name,
    gemeentecode: doc.gemeentecode ?? null,
    settingsOverrides: doc.settingsOverrides ?? {},
    tariffHistory: (doc.tariffHistory ?? []).map((period) => ({
      from: period.from ?? null,
      tariffs: { ...period.tariffs },
    })),
    createdAt: doc.createdAt,
  };
}

export class DuplicateOpdrachtgeverError extends Error {}

export async function insertOpdrachtgever(
  db: Connection,
  scope: OrgScope,
  input: {
    name: string;
    gemeentecode: string | null;
    settingsOverrides?: Record<string, unknown>;
    tariffs: Record<string, number>;
    now: Date;
  },
): Promise<Opdrachtgever> {
  try {
    const doc = await model(db).create({
      orgId: scope.orgId,
      name: input.name,
      gemeentecode: input.gemeentecode,
      settingsOverrides: input.settingsOverrides ?? {},
      // The tariffs at creation apply since ever: backdated cases are billed at them.
      tariffHistory: [{ from: null, tariffs: input.tariffs }],
      createdAt: input.now,
    });
    forgetCaseSettings(db);
    return toRecord(doc.toObject());
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new DuplicateOpdrachtgeverError('name exists');
    throw error;
  }
}

/** An organisation's opdrachtgevers, oldest first: the first is the default for new cases. */
export async function listOpdrachtgevers(
  db: Connection,
  scope: OrgScope,
): Promise<Opdrachtgever[]> {
  const docs = await model(db).find({ orgId: scope.orgId }).sort({ createdAt: 1, _id: 1 }).lean();
  return docs.map(toRecord);
}

export async function findOpdrachtgever(
  db: Connection,
  scope: OrgScope,
  id: string,
): Promise<Opdrachtgever | null> {
  if (!isObjectId(id)) return null;
  const doc = await model(db).findOne({ _id: id, orgId: scope.orgId }).lean();
  return doc ? toRecord(doc) : null;
}

export async function updateOpdrachtgever(
  db: Connection,
  scope: OrgScope,
  id: string,
  change: {
    name?: string;
    gemeentecode?: string | null;
    settingsOverrides?: Record<string, unknown>;
    appendTariffs?: { from: Date; tariffs: Record<string, number> };
  },
): Promise<void> {
  const $set: Record<string, unknown> = {};
  if (change.name !== undefined) $set.name = change.name;
  if (change.gemeentecode !== undefined) $set.gemeentecode = change.gemeentecode;
  if (change.settingsOverrides !== undefined) $set.settingsOverrides = change.settingsOverrides;
  const update: Record<string, unknown> = {};
  if (Object.keys($set).length) update.$set = $set;
  if (change.appendTariffs) update.$push = { tariffHistory: change.appendTariffs };
  if (Object.keys(update).length === 0) return;
  try {
    await model(db).updateOne({ _id: id, orgId: scope.orgId }, update);
    forgetCaseSettings(db); // the cached case settings (decision 027)
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new DuplicateOpdrachtgeverError('name exists');
    throw error;
  }
}
