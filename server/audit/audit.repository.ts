import { Schema, type Connection } from 'mongoose';
import { modelFor } from '../db/model';
import { isOnlyDuplicateKeyFailure } from '../db/duplicate-key';
import { UNJOURNALED } from '../db/write-concern';
import type { OrgScope } from '../policies/scope';
import { ensureSchemaIndexes } from '../db/indexes';

/**
 * Append-only audit log (SPEC §2.5): who, when, what, which case. Nothing in the application
 * updates these documents or deletes a change or read entry; security events alone expire after
 * their retention (audit/security-events.ts). Details never hold names, notes or a BSN.
 */
export type AuditCategory = 'change' | 'read' | 'security';

interface AuditDocument {
  /** Null only for security events that belong to no known organisation. */
  orgId: string | null;
  /** Absent on entries written before categories existed. */
  category?: AuditCategory | null;
  at: Date;
  actorId: string | null;
  action: string;
  caseId: string | null;
  trajectoryId: string | null;
  details: Record<string, unknown>;
}

export interface AuditEntry extends Omit<AuditDocument, 'category'> {
  id: string;
  category: AuditCategory | null;
}

const auditSchema = new Schema<AuditDocument>(
  {
    orgId: { type: String, default: null },
    category: { type: String, default: null },
    at: { type: Date, required: true },
    actorId: { type: String, default: null },
    action: { type: String, required: true },
    caseId: { type: String, default: null },
    trajectoryId: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'audit', minimize: false, versionKey: false },
);
auditSchema.index({ orgId: 1, at: -1 });
auditSchema.index({ orgId: 1, caseId: 1, at: -1 });
auditSchema.index({ orgId: 1, actorId: 1, at: -1 });
auditSchema.index({ category: 1, at: 1 }); // the retention purge of security events

/**
 * On FerretDB, which narrows a query only by `_id` and the equalities on orgId, teamId and
 * begeleiderId and sorts in memory (decision 022), these serve nothing `{orgId, at}` does not,
 * while every copied entry would write their keys too (decision 066).
 */
export const MONGODB_ONLY_AUDIT_INDEXES: ReadonlyArray<Record<string, 1 | -1>> = [
  { orgId: 1, caseId: 1, at: -1 },
  { orgId: 1, actorId: 1, at: -1 },
  { category: 1, at: 1 },
];

function model(db: Connection) {
  return modelFor(db, 'Audit', auditSchema);
}

export async function ensureAuditIndexes(db: Connection): Promise<void> {
  await ensureSchemaIndexes(db, model(db), { mongoDbOnly: MONGODB_ONLY_AUDIT_INDEXES });
}

export async function appendAudit(
  db: Connection,
  entry: Omit<AuditDocument, 'details'> & { details?: Record<string, unknown> },
): Promise<void> {
  await model(db).create({ ...entry, details: entry.details ?? {} });
}

/**
 * Copies case outbox entries (audit/outbox.ts) to `audit` in one unordered insert (one SQLite
 * transaction on FerretDB) that does not wait for the journal (server/db/write-concern.ts); an
 * entry copied before (same `_id`) is left as it is and does not stop the others (FerretDB then
 * inserts them one by one, MongoDB goes on past it).
 */
export async function copyToAudit(
  db: Connection,
  entries: ReadonlyArray<{ id: string }>,
): Promise<void> {
  if (!entries.length) return;
  try {
    await db.collection('audit').insertMany(
      entries.map(({ id, ...entry }) => ({ _id: id as never, ...entry })),
      { ordered: false, ...UNJOURNALED },
    );
  } catch (error) {
    if (!isOnlyDuplicateKeyFailure(error)) throw error;
  }
}

export interface AuditQuery {
  category?: AuditCategory;
  caseId?: string;
  actorId?: string;
  /** An action and the actions under it: `case` matches case.read, case.create, … */
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  skip: number;
}

/** The audit log of the scope's organisation (the beheerder's). */
export async function findAudit(
  db: Connection,
  scope: OrgScope,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; total: number }> {
  // Security events without an organisation (e.g. logins with unknown usernames) are shown to
  // every beheerder who asks for security events: they may be aimed at anyone.
  const filter: Record<string, unknown> =
    query.category === 'security'
      ? { orgId: { $in: [scope.orgId, null] }, category: 'security' }
      : { orgId: scope.orgId, ...(query.category && { category: query.category }) };
  if (query.caseId) filter.caseId = query.caseId;
  if (query.actorId) filter.actorId = query.actorId;
  // A prefix as a range ('/' follows '.'), not a regular expression: it uses an index in MongoDB
  // and runs the same on FerretDB.
  if (query.action)
    filter.$or = [
      { action: query.action },
      { action: { $gte: `${query.action}.`, $lt: `${query.action}/` } },
    ];
  if (query.from || query.to)
    filter.at = { ...(query.from && { $gte: query.from }), ...(query.to && { $lt: query.to }) };
  const [docs, total] = await Promise.all([
    model(db).find(filter).sort({ at: -1 }).skip(query.skip).limit(query.limit).lean(),
    model(db).countDocuments(filter),
  ]);
  return {
    total,
    items: docs.map((doc) => ({
      id: String(doc._id),
      orgId: doc.orgId,
      category: doc.category ?? null,
      at: doc.at,
      actorId: doc.actorId,
      action: doc.action,
      caseId: doc.caseId,
      trajectoryId: doc.trajectoryId,
      details: doc.details ?? {},
    })),
  };
}

/** Security events older than `before` (retention, TREDE_SECURITY_EVENT_RETENTION_DAYS). */
export async function purgeSecurityEvents(db: Connection, before: Date): Promise<number> {
  return (await model(db).deleteMany({ category: 'security', at: { $lt: before } })).deletedCount;
}
