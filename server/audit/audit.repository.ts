import { Schema, type Connection } from 'mongoose';
import { modelFor } from '../db/model';

/**
 * Append-only audit log (SPEC §2.5): who, when, what, which case. Nothing in the application
 * updates or deletes these documents; details never hold names, notes or a BSN.
 */
export interface AuditEntry {
  id: string;
  orgId: string;
  at: string;
  actorId: string | null;
  action: string;
  caseId: string | null;
  trajectoryId: string | null;
  details: Record<string, unknown>;
}

interface AuditDocument {
  orgId: string;
  at: Date;
  actorId: string | null;
  action: string;
  caseId: string | null;
  trajectoryId: string | null;
  details: Record<string, unknown>;
}

const auditSchema = new Schema<AuditDocument>(
  {
    orgId: { type: String, required: true },
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

function model(db: Connection) {
  return modelFor(db, 'Audit', auditSchema);
}

export async function ensureAuditIndexes(db: Connection): Promise<void> {
  await model(db).createIndexes();
}

export async function appendAudit(
  db: Connection,
  entry: Omit<AuditDocument, 'details'> & { details?: Record<string, unknown> },
): Promise<void> {
  await model(db).create({ ...entry, details: entry.details ?? {} });
}

export interface AuditQuery {
  orgId: string;
  caseId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  skip: number;
}

export async function findAudit(
  db: Connection,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; total: number }> {
  const filter: Record<string, unknown> = { orgId: query.orgId };
  if (query.caseId) filter.caseId = query.caseId;
  if (query.actorId) filter.actorId = query.actorId;
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
      at: doc.at.toISOString(),
      actorId: doc.actorId,
      action: doc.action,
      caseId: doc.caseId,
      trajectoryId: doc.trajectoryId,
      details: doc.details ?? {},
    })),
  };
}
