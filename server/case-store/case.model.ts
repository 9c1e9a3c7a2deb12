import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { modelFor } from '../db/model';
import type { CaseRecord } from './case.types';
import type { StoredOpenTrajectory } from './stored-history';

/** The stored shape: CaseRecord with the ObjectId as `_id` and the open history as text (067). */
export type CaseDocument = Omit<CaseRecord, 'id' | 'openTrajectory'> & {
  _id: Types.ObjectId;
  openTrajectory: StoredOpenTrajectory | null;
  /** comparisonKey(clientNumber): unique per organisation, so DEMO-0002 and demo-0002 clash (hole 6). */
  clientNumberKey?: string;
};

const TREDES = [1, 2, 3, 4, 5, 6];
// Catalogue codes: the built-in products and opdrachtgevers' variants (SPEC §4.1, STA-3-PLUS).
const CATALOGUE_CODE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;

const ladderEntrySchema = new Schema(
  {
    seq: { type: Number, required: true },
    from: { type: Number, enum: [...TREDES, null], default: null },
    to: { type: Number, enum: TREDES, required: true },
    at: { type: Date, required: true },
    trajectoryId: { type: String, default: null },
    product: { type: String, match: CATALOGUE_CODE, maxlength: 40, default: null },
    reason: { type: String, enum: ['intake', 'assessment', 'conclusion'], required: true },
    begeleiderId: { type: String, required: true },
    teamId: { type: String, required: true },
    recordedAt: { type: Date, required: true },
  },
  { _id: false, strict: true },
);

const summarySchema = new Schema(
  {
    product: { type: String, required: true },
    machineId: { type: String, required: true },
    state: { type: String, required: true },
    stateEnteredAt: { type: Date, required: true },
    registeredAt: { type: Date, required: true },
    startedAt: { type: Date, default: null },
    deadlineAt: { type: Date, default: null },
    targetTrede: { type: Number, default: null },
    currentTrede: { type: Number, required: true },
    lastActivityAt: { type: Date, required: true },
    relapseAt: { type: Date, default: null },
    growthAt: { type: Date, default: null },
    // Summaries written before issue 7 lack it; the signals then fall back on registeredAt.
    lastAssessedAt: { type: Date, default: null },
    lastEventAt: { type: Date, required: true },
    outcome: { type: String, default: null },
  },
  { _id: false, strict: true },
);

export const historyEntrySchema = new Schema(
  {
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
    actorId: { type: String, default: null },
    actorRole: { type: String, default: null },
    fromState: { type: String, default: null },
    toState: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    flags: { type: [String], default: [] },
  },
  { _id: false, strict: true, minimize: false },
);

/** A trajectory's fields but its history and snapshot, which an archived one keeps elsewhere. */
const trajectoryFields = {
  id: { type: String, required: true },
  product: { type: String, match: CATALOGUE_CODE, maxlength: 40, required: true },
  machineId: { type: String, required: true },
  machineVersion: { type: Number, required: true },
  version: { type: Number, required: true },
  summary: { type: summarySchema, required: true },
  sweepDueAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
  createdBy: { type: String, default: null },
  previousTrajectoryId: { type: String, default: null },
  followUpTrajectoryId: { type: String, default: null },
  closedAt: { type: Date, default: null },
};

const trajectorySchema = new Schema(
  {
    ...trajectoryFields,
    snapshotJson: { type: String, required: true },
    // Each entry's Extended JSON text, in historyEntrySchema's form (stored-history.ts, 067).
    history: { type: [String], default: [] },
  },
  { _id: false, strict: true, minimize: false },
);

/** ArchivedTrajectory: history and snapshot in `trajectory_archives` (decision 064). */
const archivedTrajectorySchema = new Schema(
  { ...trajectoryFields, archiveId: { type: String, required: true } },
  { _id: false, strict: true, minimize: false },
);

const idempotencySchema = new Schema(
  {
    key: { type: String, required: true },
    userId: { type: String },
    trajectoryId: { type: String, required: true },
    requestHash: { type: String, required: true },
    historyLength: { type: Number, required: true },
    response: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { _id: false, strict: true, minimize: false },
);

const outboxEntrySchema = new Schema(
  {
    id: { type: String, required: true },
    orgId: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, default: null },
    action: { type: String, required: true },
    category: { type: String, required: true },
    caseId: { type: String, required: true },
    trajectoryId: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { _id: false, strict: true, minimize: false },
);

export const caseSchema = new Schema<CaseDocument>(
  {
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    /** The contracting municipality (SPEC §4.1); set at start-up for cases stored before it existed. */
    opdrachtgeverId: { type: String, default: null },
    opdrachtgeverMoves: {
      type: [
        new Schema(
          {
            from: { type: String, default: null },
            to: { type: String, required: true },
            at: { type: Date, required: true },
            byUserId: { type: String, required: true },
          },
          { _id: false, strict: true },
        ),
      ],
      default: undefined,
    },
    begeleiderId: { type: String, required: true },
    clientNumber: { type: String, required: true },
    clientNumberKey: { type: String },
    displayName: { type: String, required: true },
    bsn: {
      type: new Schema({ cipher: String }, { _id: false, strict: true }),
      default: null,
    },
    currentTrede: { type: Number, enum: TREDES, required: true },
    ladder: { type: [ladderEntrySchema], default: [] },
    lastAssessedAt: { type: Date, default: null },
    openTrajectory: { type: trajectorySchema, default: null },
    closedTrajectories: { type: [archivedTrajectorySchema], default: [] },
    idempotency: { type: [idempotencySchema], default: [] },
    auditOutbox: { type: [outboxEntrySchema], default: [] },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'cases', strict: true, versionKey: false, minimize: false },
);

// One index per query the API makes (checked by scripts/explain-indexes.ts). Every case query
// starts with orgId, the first half of the shard key (docs/scaling.md). Each index costs every
// case write (on FerretDB each expression index is recomputed from the whole document), so the
// case list's state and signal filters have none of their own: they are applied to the team's
// cases read in client-number order from the scope index (decision 041); the dashboards read
// case_summaries (decision 026).
caseSchema.index({ orgId: 1, clientNumber: 1 }, { unique: true }); // uniqueness, q by prefix, list sort
caseSchema.index({ orgId: 1, clientNumberKey: 1 }, { unique: true }); // uniqueness ignoring case
caseSchema.index({ orgId: 1, teamId: 1, clientNumber: 1 }); // case list of a team
caseSchema.index({ orgId: 1, teamId: 1, begeleiderId: 1 }); // case list of a begeleider
caseSchema.index({ orgId: 1, teamId: 1, 'openTrajectory.summary.deadlineAt': 1 }); // list by deadline; DEADLINE_PASSED, DEADLINE_NEAR
caseSchema.index({ orgId: 1, 'ladder.at': 1 }); // trede transitions by date (reports, SPEC §4)
caseSchema.index({ orgId: 1, opdrachtgeverId: 1, teamId: 1 }); // reports and lists per opdrachtgever

/**
 * Indexes of the schema that only MongoDB can use. FerretDB v1 narrows a query by `_id` and by
 * string equality on orgId, teamId and begeleiderId (decision 022), never by a dotted or array
 * path nor by a sort, so there the last four serve nothing that `{orgId, teamId, begeleiderId}`
 * does not, while SQLite recomputes each of their JSON expressions from the old and the new
 * ~12 KiB row on every case write (a third of the embedded engine's CPU per event, decision 058).
 * The first only enforces uniqueness there, which `{orgId, clientNumberKey}` implies: the key is a
 * function of the number, set on every insert and on start-up for older cases (decision 066).
 */
export const MONGODB_ONLY_CASE_INDEXES: ReadonlyArray<Record<string, 1>> = [
  { orgId: 1, clientNumber: 1 },
  { orgId: 1, teamId: 1, clientNumber: 1 },
  { orgId: 1, teamId: 1, 'openTrajectory.summary.deadlineAt': 1 },
  { orgId: 1, 'ladder.at': 1 },
  { orgId: 1, opdrachtgeverId: 1, teamId: 1 },
];

/**
 * Indexes earlier versions created and no query needs any more (decisions 026, 041); dropped at
 * start-up so existing databases stop paying for them on every case write.
 */
export const OBSOLETE_CASE_INDEXES: ReadonlyArray<Record<string, 1>> = [
  { 'openTrajectory.sweepDueAt': 1 }, // the sweeper reads case_summaries (026)
  {
    orgId: 1,
    teamId: 1,
    'openTrajectory.summary.state': 1,
    'openTrajectory.summary.stateEnteredAt': 1,
  },
  { orgId: 1, teamId: 1, 'openTrajectory.summary.lastActivityAt': 1 },
  { orgId: 1, teamId: 1, 'openTrajectory.summary.relapseAt': 1 },
  { orgId: 1, teamId: 1, 'openTrajectory.summary.lastAssessedAt': 1 },
  { orgId: 1, teamId: 1, 'openTrajectory.summary.growthAt': 1 },
];

/**
 * The `cases` collection's model: the case repository and the report read models
 * (reports/*.repository.ts) query through it, never through the raw collection by name.
 */
export function caseModel(db: Connection): Model<CaseDocument> {
  return modelFor<CaseDocument>(db, 'Case', caseSchema);
}
