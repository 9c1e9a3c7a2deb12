import { Schema, type Connection } from 'mongoose';
import { modelFor } from '../db/model';
import type { OrgScope } from '../policies/scope';
import { forgetOrganisationSettings } from './settings-cache';

/** An opdrachtgever (municipality) with its own catalogue and thresholds (SPEC §2.2). */
export interface Organisation {
  id: string;
  name: string;
  demo: boolean;
  /** Overrides on DEFAULT_SETTINGS: only what differs is stored. */
  settingsOverrides: Record<string, unknown>;
}

interface OrganisationDocument {
  name: string;
  demo: boolean;
  settingsOverrides: Record<string, unknown>;
  createdAt: Date;
}

const organisationSchema = new Schema<OrganisationDocument>(
  {
    name: { type: String, required: true },
    demo: { type: Boolean, default: false },
    settingsOverrides: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, required: true },
  },
  { collection: 'organisations', minimize: false },
);

function model(db: Connection) {
  return modelFor(db, 'Organisation', organisationSchema);
}

function toRecord(doc: OrganisationDocument & { _id: unknown }): Organisation {
  return {
    id: String(doc._id),
    name: doc.name,
    demo: doc.demo,
    settingsOverrides: doc.settingsOverrides ?? {},
  };
}

export async function createOrganisation(
  db: Connection,
  input: { name: string; demo?: boolean; now: Date },
): Promise<Organisation> {
  const doc = await model(db).create({
    name: input.name,
    demo: input.demo ?? false,
    settingsOverrides: {},
    createdAt: input.now,
  });
  return toRecord(doc.toObject());
}

/** The caller's own organisation: its document's id is the scope's orgId. */
export async function findOrganisation(
  db: Connection,
  scope: OrgScope,
): Promise<Organisation | null> {
  const doc = await model(db).findById(scope.orgId).lean();
  return doc ? toRecord(doc) : null;
}

export async function listOrganisationIds(db: Connection): Promise<string[]> {
  const docs = await model(db).find({}, { _id: 1 }).lean();
  return docs.map((doc) => String(doc._id));
}

export async function findFirstOrganisation(db: Connection): Promise<Organisation | null> {
  const doc = await model(db).findOne({}).sort({ createdAt: 1 }).lean();
  return doc ? toRecord(doc) : null;
}

export async function saveSettingsOverrides(
  db: Connection,
  scope: OrgScope,
  overrides: Record<string, unknown>,
): Promise<void> {
  await model(db).updateOne({ _id: scope.orgId }, { $set: { settingsOverrides: overrides } });
  forgetOrganisationSettings(db, scope.orgId);
}
