import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Endpoint } from './daemon';
import { engineDataDir } from './data-folder';
import { findOnPath, isExecutable } from './executables';
import { SJSON_DECODER_GO, SJSON_DECODER_TEST_GO } from './ferretdb-sjson-decoder';
import { EMPTY_PROJECTION_TEST_GO } from './ferretdb-empty-projection';
import { WRITE_SERIALISATION_TEST_GO } from './ferretdb-write-serialisation';
import {
  BACKGROUND_CHECKPOINT_GO,
  BACKGROUND_CHECKPOINT_TEST_GO,
} from './ferretdb-background-checkpoint';
import {
  UNJOURNALED_COMMON_GO,
  UNJOURNALED_COMMON_TEST_GO,
  UNJOURNALED_FSQL_GO,
  UNJOURNALED_FSQL_TEST_GO,
} from './ferretdb-unjournaled-writes';

/**
 * FerretDB v1 (SQLite backend) is the embedded engine where no mongod exists (SPEC §1).
 * Pinned: v1.24.0 is the newest v1 tag the Go module proxy serves (v1.24.1 answers 403).
 */
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.0';

/** Bumped whenever the build or its patch changes, so a cached older binary is not reused. */
export const FERRETDB_BUILD = `${FERRETDB_VERSION}-trede.11`;

/** The wire-protocol module FerretDB v1.24.0 requires (its go.mod); built from a patched copy. */
export const FERRETDB_WIRE_MODULE = 'github.com/FerretDB/wire';
export const FERRETDB_WIRE_VERSION = 'v0.0.7';

export function builtFerretdbPath(toolsDir: string): string {
  return path.join(toolsDir, `ferretdb-${FERRETDB_BUILD}`, 'ferretdb');
}

/**
 * FerretDB v1.24's SQLite backend creates the unique `_id` index on `_ferretdb_sjson->"_id"` but
 * looks documents up (queries pushed down on `{_id}`, and every update and delete) with
 * `_ferretdb_sjson->'$._id'`. SQLite uses an expression index only for the identical expression,
 * so every write scanned the whole table: an event on a 1,000-case database took ~300 ms and the
 * sweeper test 305 s. Building the `_id` index on the lookup expression makes them indexed
 * (sweeper test: 40 s). docs/decisions/002-embedded-database.md.
 */
export function patchIdIndexExpression(sourceDir: string): void {
  const file = path.join(sourceDir, 'internal', 'backends', 'sqlite', 'metadata', 'registry.go');
  const original = fs.readFileSync(file, 'utf8');
  if (!original.includes(INDEX_COLUMN_ANCHOR))
    throw new Error('FerretDB source changed: the _id index patch no longer applies');
  fs.writeFileSync(
    file,
    original.replace(
      INDEX_COLUMN_ANCHOR,
      `${INDEX_COLUMN_ANCHOR}\t\t\tif key.Field == "_id" {\n\t\t\t\tcolumns[i] = IDColumn\n\t\t\t}\n`,
    ),
  );
}

const INDEX_COLUMN_ANCHOR =
  '\t\t\tcolumns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))\n';

/**
 * The top-level fields Trede guarantees to hold a Date or null in every collection that has them
 * (never an array, never another type), so a range on them can be pushed down to SQLite. sjson
 * stores a date as its milliseconds since the epoch, a JSON number: `->` gives that number's JSON
 * text (compared as text, "9…" > "1…", wrong across digit counts), `->>` gives an SQL integer
 * (compared as numbers, exact). decision 043.
 */
export const RANGE_PUSHDOWN_FIELDS = ['signalFrom', 'sweepDueAt', 'updatedAt'] as const;

/**
 * Indexes on the fields above are built on `_ferretdb_sjson->>"<field>"`, the expression the
 * range pushdown (patchScalarPushdown) compares, since SQLite uses an expression index only for
 * the identical expression. Must run after patchIdIndexExpression (same anchor).
 */
export function patchRangeIndexExpression(sourceDir: string): void {
  const file = path.join(sourceDir, 'internal', 'backends', 'sqlite', 'metadata', 'registry.go');
  const original = fs.readFileSync(file, 'utf8');
  if (!original.includes(INDEX_COLUMN_ANCHOR))
    throw new Error('FerretDB source changed: the range index patch no longer applies');
  const fields = RANGE_PUSHDOWN_FIELDS.map((field) => `${JSON.stringify(field)}: true`).join(', ');
  fs.writeFileSync(
    file,
    original.replace(
      INDEX_COLUMN_ANCHOR,
      `${INDEX_COLUMN_ANCHOR}\t\t\tif (map[string]bool{${fields}})[key.Field] {\n\t\t\t\tcolumns[i] = fmt.Sprintf("%s->>%q", DefaultColumn, key.Field)\n\t\t\t}\n`,
    ),
  );
}

/**
 * Two debugging aids of FerretDB v1.24 that run in release builds and cost every request
 * (profiled with pprof on a read by `_id` of a 12 KiB case, docs/decisions/049-ferretdb-runtime-overheads.md):
 * `resource.Track` records a pprof sample with a stack trace and sets a finalizer for every
 * document iterator — one per sub-document decoded; and `wire.CheckNaNs = true` decodes every
 * incoming and outgoing message a second time, deeply, to look for NaN. Trede never stores NaN (the
 * request schemas accept finite numbers only, and SQLite's JSON cannot hold one either, so FerretDB
 * still refuses it when it encodes the document).
 */
export function patchRuntimeOverheads(sourceDir: string): void {
  const resourceFile = path.join(sourceDir, 'internal', 'util', 'resource', 'resource.go');
  const resource = fs.readFileSync(resourceFile, 'utf8');
  const track = 'func Track(obj any, token *Token) {\n';
  const untrack = 'func Untrack(obj any, token *Token) {\n';
  const wireFile = path.join(sourceDir, 'internal', 'handler', 'wire.go');
  const wire = fs.readFileSync(wireFile, 'utf8');
  const nanCheck = '\twire.CheckNaNs = true\n';
  if (!resource.includes(track) || !resource.includes(untrack) || !wire.includes(nanCheck))
    throw new Error('FerretDB source changed: the runtime overheads patch no longer applies');
  const onlyInDebugBuilds = '\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n';
  fs.writeFileSync(
    resourceFile,
    resource
      .replace(track, `${track}${onlyInDebugBuilds}`)
      .replace(untrack, `${untrack}${onlyInDebugBuilds}`),
  );
  fs.writeFileSync(wireFile, wire.replace(nanCheck, '\twire.CheckNaNs = false\n'));
}

/**
 * FerretDB v1.24 decodes every stored document (`sjson.Unmarshal`) with a new `json.Decoder` per
 * nesting level, through `map[string]json.RawMessage` copies and a `json.Decoder` per leaf: each
 * byte of a 12 KiB case is parsed once per level (~6), ~7 ms of CPU per read by `_id` (pprof).
 * This patch adds a single-pass, schema-driven decoder (./ferretdb-sjson-decoder.ts) and sends
 * `sjson.Unmarshal` and the document/array decoders through it first; and `sjson.Marshal` (every
 * insert and update re-encodes the whole document) through a single-buffer encoder. Both answer
 * only where they give exactly what the original gives and hand everything else (errors
 * included) to the original code, which stays. Its Go test compares both on generated and mutated documents; the
 * build runs it with FerretDB's own sjson tests. docs/decisions/052-ferretdb-single-pass-sjson.md.
 */
export function patchSjsonDecoding(sourceDir: string): void {
  const dir = path.join(sourceDir, 'internal', 'handler', 'sjson');
  const hooks = [
    {
      file: 'sjson.go',
      anchor: 'func Unmarshal(data []byte) (*types.Document, error) {\n',
      hook: '\tif tredeSinglePass {\n\t\tif d, ok := tredeUnmarshal(data); ok {\n\t\t\treturn d, nil\n\t\t}\n\t}\n\n',
    },
    {
      file: 'sjson.go',
      anchor:
        'func Marshal(d *types.Document) ([]byte, error) {\n\tif d == nil {\n\t\tpanic("v is nil")\n\t}\n',
      hook: '\n\tif tredeSinglePass {\n\t\tif b, ok := tredeMarshal(d); ok {\n\t\t\treturn b, nil\n\t\t}\n\t}\n',
    },
    {
      file: 'document.go',
      anchor:
        'func (doc *documentType) UnmarshalJSONWithSchema(data []byte, sch *schema) error {\n',
      hook: '\tif d, ok := tredeFastDocument(data, sch); ok {\n\t\t*doc = documentType(*d)\n\t\treturn nil\n\t}\n\n',
    },
    {
      file: 'array.go',
      anchor: 'func (a *arrayType) UnmarshalJSONWithSchema(data []byte, schemas []*elem) error {\n',
      hook: '\tif arr, ok := tredeFastArray(data, schemas); ok {\n\t\t*a = arrayType(*arr)\n\t\treturn nil\n\t}\n\n',
    },
  ];
  const patched = new Map<string, string>();
  for (const { file, anchor, hook } of hooks) {
    const source = patched.get(file) ?? fs.readFileSync(path.join(dir, file), 'utf8');
    if (!source.includes(anchor))
      throw new Error('FerretDB source changed: the sjson decoding patch no longer applies');
    patched.set(file, source.replace(anchor, `${anchor}${hook}`));
  }
  for (const [file, content] of patched) fs.writeFileSync(path.join(dir, file), content);
  fs.writeFileSync(path.join(dir, 'trede_decode.go'), SJSON_DECODER_GO);
  fs.writeFileSync(path.join(dir, 'trede_decode_test.go'), SJSON_DECODER_TEST_GO);
}

/**
 * FerretDB v1.24 opens each SQLite database with a pool of up to 100 connections and lets their
 * write transactions meet at SQLite's one write lock. A writer that finds it taken is put to
 * sleep by SQLite's busy handler for 1, 2, 5, 10, … up to 100 ms and is not woken when the lock
 * is released, so under concurrent events the lock stands idle while writers sleep: the event
 * API's p99 was 6–7× its p50 at 8 and 32 clients, and throughput barely rose above one client.
 * All writes to the embedded database pass through this one FerretDB process, so the process
 * itself can let one writer in at a time: a mutex per database around every write transaction
 * and autocommit statement (Go's mutex hands over in FIFO order once a waiter has waited over
 * 1 ms). Readers are not affected (WAL: they never wait for the writer). SQLite's busy handler
 * stays for anything outside this process. docs/decisions/056-ferretdb-writes-take-turns.md.
 */
export function patchWriteSerialisation(sourceDir: string): void {
  const file = path.join(sourceDir, 'internal', 'util', 'fsql', 'db.go');
  const original = fs.readFileSync(file, 'utf8');
  const edits: Array<[anchor: string, addition: string]> = [
    ['\t"log/slog"\n', '\t"sync"\n'],
    [
      'type DB struct {\n\t*metricsCollector\n',
      '\n\ttredeWrites sync.Mutex // Trede: one writer at a time\n',
    ],
    [
      'func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {\n',
      '\tdb.tredeWrites.Lock()\n\tdefer db.tredeWrites.Unlock()\n\n',
    ],
    [
      'func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {\n',
      '\tdb.tredeWrites.Lock()\n\tdefer db.tredeWrites.Unlock()\n\n',
    ],
  ];
  fs.writeFileSync(
    file,
    replaceEachOnce(
      original,
      edits.map(([anchor, addition]) => [anchor, `${anchor}${addition}`]),
      'FerretDB source changed: the write serialisation patch no longer applies',
    ),
  );
  fs.writeFileSync(
    path.join(sourceDir, 'internal', 'util', 'fsql', 'trede_writes_test.go'),
    WRITE_SERIALISATION_TEST_GO,
  );
}

/**
 * FerretDB's wire module v0.0.7 hard-codes `const debugbuild = true` (an open to-do upstream, FerretDB/wire#7),
 * and with it every message FerretDB *sends* is decoded again, deeply, twice: when the reply is
 * built (`SetSections`) and when it is written (`MarshalBinary`) — `CheckNaNs = false` (decision
 * 049) skipped only the NaN walk after that decode. A find answering a team's ~105 summaries spent
 * ~11% of FerretDB's CPU there (perf, decision 057). The reply was just encoded by FerretDB from
 * its own documents, so the decode checks nothing a client relies on; the check of every
 * *incoming* message (`UnmarshalBinaryNocopy`) stays as it is. Applied to a copy of the module
 * that the build puts in place of the downloaded one (`go mod edit -replace`).
 */
export function patchOutgoingMessageChecks(wireDir: string): void {
  const file = path.join(wireDir, 'op_msg.go');
  const original = fs.readFileSync(file, 'utf8');
  const edits: Array<[anchor: string, replacement: string]> = [
    [
      '\tmsg.sections = sections\n\n\tif debugbuild || CheckNaNs {\n',
      '\tmsg.sections = sections\n\n\tif CheckNaNs {\n',
    ],
    [
      'func (msg *OpMsg) MarshalBinary() ([]byte, error) {\n\tif err := checkSections(msg.sections); err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n\n\tif debugbuild {\n',
      'func (msg *OpMsg) MarshalBinary() ([]byte, error) {\n\tif err := checkSections(msg.sections); err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n\n\tif CheckNaNs {\n',
    ],
  ];
  fs.writeFileSync(
    file,
    replaceEachOnce(
      original,
      edits,
      'FerretDB wire source changed: the outgoing check patch no longer applies',
    ),
  );
}

/** Each anchor replaced; throws `failure` unless every anchor occurs exactly once. */
function replaceEachOnce(
  source: string,
  edits: ReadonlyArray<readonly [anchor: string, replacement: string]>,
  failure: string,
): string {
  let patched = source;
  for (const [anchor, replacement] of edits) {
    if (patched.split(anchor).length !== 2) throw new Error(failure);
    patched = patched.replace(anchor, () => replacement);
  }
  return patched;
}

/**
 * A find without a projection still goes through FerretDB v1.24's projection step, which answers
 * every document with a fresh deep copy of it, made twice over (`projectDocumentWithoutID`) and
 * then copied key by key: ~12% of FerretDB's CPU for a team's dashboard read (perf, decision 057),
 * and Trede's reads ask for whole documents. With an empty projection and `_id` already the first
 * key — every stored document: FerretDB moves `_id` first when it stores one — that copy equals the
 * document, so the document itself is answered; anything else takes the original path. The Go
 * test compares both on documents with and without `_id` first.
 */
export function patchEmptyProjection(sourceDir: string): void {
  const dir = path.join(sourceDir, 'internal', 'handler', 'common');
  const file = path.join(dir, 'projection_iterator.go');
  const original = fs.readFileSync(file, 'utf8');
  const anchor =
    '\tprojected, err := ProjectDocument(doc, iter.projection, iter.filter, iter.inclusion)\n';
  if (original.split(anchor).length !== 2)
    throw new Error('FerretDB source changed: the empty projection patch no longer applies');
  fs.writeFileSync(
    file,
    original.replace(
      anchor,
      `\tif iter.projection.Len() == 0 {\n\t\tif keys := doc.Keys(); len(keys) > 0 && keys[0] == "_id" {\n\t\t\treturn unused, doc, nil // Trede: the copy would equal the document\n\t\t}\n\t}\n\n${anchor}`,
    ),
  );
  fs.writeFileSync(path.join(dir, 'trede_projection_test.go'), EMPTY_PROJECTION_TEST_GO);
}

/**
 * FerretDB v1.24's `update` and `findAndModify` keep the read of the documents to change open (one
 * of the SQLite pool's 100 connections) while they write, and `update` keeps every statement's read
 * open until the whole command ends; `delete` closes its read first ("close read transaction before
 * starting write transaction"). With writes taking turns (decision 056) a writer holding the turn
 * needs one more connection to begin its transaction: one bulk update whose statements match 100
 * stored documents — a start-up rebuild of 500 summaries — or 100 concurrent updates hold all
 * connections while waiting for the turn, and FerretDB stops answering for good (decision 060). The
 * patch reads the matching documents (updateOne: at most one) and closes the read before writing.
 * tests/integration/update-holds-no-read.test.ts hangs without it.
 */
export function patchReadsClosedBeforeWrites(sourceDir: string): void {
  const handler = path.join(sourceDir, 'internal', 'handler');
  const failure = 'FerretDB source changed: the reads-closed-before-writes patch no longer applies';
  const why =
    '// Trede: the matching documents are read and the read closed before the write, as in msg_delete\n';
  const limit = '\titer = common.LimitIterator(iter, closer, 1)\n';
  const edits: Array<[file: string, anchor: string, replacement: string]> = [
    [
      'msg_update.go',
      '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n',
      `\t\t${why}\t\tmatching, err := iterator.ConsumeValues(iter)\n\t\tif err != nil {\n\t\t\treturn 0, 0, nil, lazyerrors.Error(err)\n\t\t}\n\n\t\tresult, err := common.UpdateDocument(ctx, c, "update", iterator.Values(iterator.ForSlice(matching)), &u)\n`,
    ],
    [
      'msg_findandmodify.go',
      limit,
      `${limit}\n\t${why}\tmatching, err := iterator.ConsumeValues(iter)\n\tif err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n\n\titer = iterator.Values(iterator.ForSlice(matching))\n`,
    ],
  ];
  // Both files patched in memory first, so a source that fits only one is left untouched.
  const patched = edits.map(([file, anchor, replacement]) => {
    const target = path.join(handler, file);
    return [
      target,
      replaceEachOnce(fs.readFileSync(target, 'utf8'), [[anchor, replacement]], failure),
    ] as const;
  });
  for (const [target, source] of patched) fs.writeFileSync(target, source);
}

/**
 * SQLite copies its write-ahead log into the database file (a checkpoint: page writes and a sync
 * of the database file) inside the commit of whichever write transaction brings the log past
 * `wal_autocheckpoint` pages (1,000 by default): with writes taking turns (decision 056), every
 * other writer waited for it, about once in every 60–70 events at one client — what the event
 * benchmark's p99 at one client measured. The patch starts, for each database file FerretDB opens,
 * a goroutine that runs a passive checkpoint every 100 ms on a connection of its own, outside the
 * writers' turn (ferretdb-background-checkpoint.ts); ferretdbArgs raises `wal_autocheckpoint` so
 * SQLite checkpoints in a commit only if that falls far behind. Decision 068.
 */
export function patchBackgroundCheckpoint(sourceDir: string): void {
  const dir = path.join(sourceDir, 'internal', 'backends', 'sqlite', 'metadata', 'pool');
  const file = path.join(dir, 'opendb.go');
  const anchor =
    '\tif err = db.Ping(); err != nil {\n\t\t_ = db.Close()\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n';
  fs.writeFileSync(
    file,
    replaceEachOnce(
      fs.readFileSync(file, 'utf8'),
      [[anchor, `${anchor}\n\tif !memory {\n\t\tgo tredeCheckpointInBackground(db, l)\n\t}\n`]],
      'FerretDB source changed: the background checkpoint patch no longer applies',
    ),
  );
  fs.writeFileSync(path.join(dir, 'trede_checkpoint.go'), BACKGROUND_CHECKPOINT_GO);
  fs.writeFileSync(path.join(dir, 'trede_checkpoint_test.go'), BACKGROUND_CHECKPOINT_TEST_GO);
}

/**
 * FerretDB v1 ignores a command's write concern: every write transaction commits with the
 * database's `synchronous` setting (FULL: the write-ahead log is synced at each commit). Trede's
 * derived writes — the audit copy of a case's outbox and the per-case read models — are rebuilt
 * from the case after a crash, so they ask not to wait for the journal (`{j: false}`, as MongoDB
 * understands it too). This patch honours that on `insert` and `update`: their transaction runs
 * on a connection set to synchronous NORMAL for it (ferretdb-unjournaled-writes.ts). SQLite keeps
 * one log per database file in commit order, so the next synced commit makes such a write durable
 * as well. Decision 070.
 */
export function patchUnjournaledWrites(sourceDir: string): void {
  const fsqlDir = path.join(sourceDir, 'internal', 'util', 'fsql');
  const dbGo = path.join(fsqlDir, 'db.go');
  const begin = '\tif sqlTx, err = db.sqlDB.BeginTx(ctx, nil); err != nil {\n';
  const unjournaledBegin =
    '\tif TredeIsUnjournaled(ctx) {\n\t\tvar release func()\n\t\tif sqlTx, release, err = db.tredeBeginUnjournaled(ctx); err != nil {\n\t\t\terr = lazyerrors.Error(err)\n\t\t\treturn\n\t\t}\n\t\tdefer release()\n\t} else if sqlTx, err = db.sqlDB.BeginTx(ctx, nil); err != nil {\n';
  const failure = 'FerretDB source changed: the unjournaled writes patch no longer applies';
  fs.writeFileSync(
    dbGo,
    replaceEachOnce(fs.readFileSync(dbGo, 'utf8'), [[begin, unjournaledBegin]], failure),
  );
  const commandDocument =
    '\tdocument, err := opMsgDocument(msg)\n\tif err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n';
  for (const command of ['msg_insert.go', 'msg_update.go']) {
    const file = path.join(sourceDir, 'internal', 'handler', command);
    fs.writeFileSync(
      file,
      replaceEachOnce(
        fs.readFileSync(file, 'utf8'),
        [
          [
            commandDocument,
            `${commandDocument}\n\tconnCtx = common.TredeWriteContext(connCtx, document)\n`,
          ],
        ],
        failure,
      ),
    );
  }
  fs.writeFileSync(path.join(fsqlDir, 'trede_unjournaled.go'), UNJOURNALED_FSQL_GO);
  fs.writeFileSync(path.join(fsqlDir, 'trede_unjournaled_test.go'), UNJOURNALED_FSQL_TEST_GO);
  const commonDir = path.join(sourceDir, 'internal', 'handler', 'common');
  fs.writeFileSync(path.join(commonDir, 'trede_write_concern.go'), UNJOURNALED_COMMON_GO);
  fs.writeFileSync(path.join(commonDir, 'trede_write_concern_test.go'), UNJOURNALED_COMMON_TEST_GO);
}

/**
 * SQLite's auto-checkpoint threshold in pages for every connection: a safety net behind the
 * background checkpoint (patchBackgroundCheckpoint), which keeps the log far below it.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** The Go packages whose tests must pass on the patched source before it is built. */
export const FERRETDB_PATCH_TESTS = [
  './internal/handler/sjson/...',
  './internal/util/fsql/...',
  './internal/handler/common',
  './internal/backends/sqlite/metadata/pool',
];

/**
 * The top-level fields Trede guarantees to hold a plain string in every collection (mongoose
 * schemas with `type: String`), so equality on them can be pushed down to SQLite.
 */
export const SCALAR_PUSHDOWN_FIELDS = ['orgId', 'teamId', 'begeleiderId'] as const;

/**
 * FerretDB v1.24's SQLite backend pushes down only a filter that is exactly `{_id: <scalar>}`; any
 * other query decodes every document of the collection (a case with three years of history is
 * ~12 KiB), so a begeleider's case list or a team's dashboard read all cases of all
 * organisations. This patch adds `_ferretdb_sjson->"<field>" = ?` for string equality on the
 * fields above — the very expression FerretDB builds its indexes on, so SQLite serves it from
 * `{orgId, teamId, …}` indexes — and `_id` equality inside a larger filter. It only narrows the
 * candidate rows: every handler still applies the whole filter to what comes back, so the answer
 * is unchanged. Arrays are why the fields are listed rather than any top-level key (Mongo matches
 * an element of an array; the SQL equality would not). docs/decisions/022-ferretdb-scalar-pushdown.md.
 */
export function patchScalarPushdown(sourceDir: string): void {
  const file = path.join(sourceDir, 'internal', 'backends', 'sqlite', 'collection.go');
  const original = fs.readFileSync(file, 'utf8');
  const query = '\tq += whereClause\n\tq += prepareOrderByClause(params.Sort)\n';
  const explain = '\torderByClause := prepareOrderByClause(params.Sort)\n';
  if (!original.includes(query) || !original.includes(explain))
    throw new Error('FerretDB source changed: the scalar pushdown patch no longer applies');
  fs.writeFileSync(
    file,
    original
      .replace(
        query,
        `\tif whereClause == "" {\n\t\twhereClause, args = tredeScalarPushdown(params.Filter)\n\t}\n${query}`,
      )
      .replace(
        explain,
        `\tif whereClause == "" {\n\t\twhereClause, args = tredeScalarPushdown(params.Filter)\n\t\tfilterPushdown = whereClause != ""\n\t}\n${explain}`,
      ),
  );
  const fields = SCALAR_PUSHDOWN_FIELDS.map((field) => `${JSON.stringify(field)}: true`).join(', ');
  const ranges = RANGE_PUSHDOWN_FIELDS.map((field) => `${JSON.stringify(field)}: true`).join(', ');
  fs.writeFileSync(
    path.join(sourceDir, 'internal', 'backends', 'sqlite', 'trede_pushdown.go'),
    `package sqlite

import (
\t"fmt"
\t"strings"
\t"time"

\t"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
\t"github.com/FerretDB/FerretDB/internal/handler/sjson"
\t"github.com/FerretDB/FerretDB/internal/types"
\t"github.com/FerretDB/FerretDB/internal/util/must"
)

// Added by Trede's build (server/db/embedded/ferretdb.ts): fields that always hold a string.
var tredeScalarFields = map[string]bool{${fields}}

// Fields that always hold a date or null (never an array); indexed on ->> (registry.go patch).
var tredeRangeFields = map[string]bool{${ranges}}

var tredeRangeOperators = map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}

// tredeScalarPushdown narrows a query to rows whose listed top-level fields equal the filter's
// strings or lie in the filter's date ranges (and whose _id equals a scalar _id or one of a
// list); the handler still applies the whole filter, so each condition only has to hold for
// every document the filter matches.
func tredeScalarPushdown(filter *types.Document) (string, []any) {
\tif filter == nil {
\t\treturn "", nil
\t}
\tvar conditions []string
\tvar args []any
\tfor _, key := range filter.Keys() {
\t\tvalue, _ := filter.Get(key)
\t\tif key == "_id" {
\t\t\tswitch value := value.(type) {
\t\t\tcase string, types.ObjectID:
\t\t\t\tconditions = append(conditions, metadata.IDColumn+" = ?")
\t\t\t\targs = append(args, string(must.NotFail(sjson.MarshalSingleValue(value))))
\t\t\tcase *types.Document:
\t\t\t\tif ids := tredeIDList(value); len(ids) > 0 {
\t\t\t\t\tconditions = append(conditions, metadata.IDColumn+" IN (?"+strings.Repeat(", ?", len(ids)-1)+")")
\t\t\t\t\targs = append(args, ids...)
\t\t\t\t}
\t\t\t}
\t\t\tcontinue
\t\t}
\t\tif text, ok := value.(string); ok && tredeScalarFields[key] {
\t\t\tconditions = append(conditions, fmt.Sprintf("%s->%q = ?", metadata.DefaultColumn, key))
\t\t\targs = append(args, string(must.NotFail(sjson.MarshalSingleValue(text))))
\t\t}
\t\tif operators, ok := value.(*types.Document); ok && tredeRangeFields[key] {
\t\t\tfor _, operator := range operators.Keys() {
\t\t\t\tbound, _ := operators.Get(operator)
\t\t\t\tinstant, isDate := bound.(time.Time)
\t\t\t\tif sql, known := tredeRangeOperators[operator]; known && isDate {
\t\t\t\t\t// sjson stores a date as int64 milliseconds; ->> compares it as an integer.
\t\t\t\t\tconditions = append(conditions, fmt.Sprintf("%s->>%q %s ?", metadata.DefaultColumn, key, sql))
\t\t\t\t\targs = append(args, instant.UnixMilli())
\t\t\t\t}
\t\t\t}
\t\t}
\t}
\tif len(conditions) == 0 {
\t\treturn "", nil
\t}
\treturn " WHERE " + strings.Join(conditions, " AND "), args
}

// tredeIDList: the _id values of {$in: [...]} when that is the only operator and every element is
// a string or an ObjectID (anything else: no pushdown, the handler decides alone).
func tredeIDList(operators *types.Document) []any {
\tif operators.Len() != 1 {
\t\treturn nil
\t}
\tlist, ok := must.NotFail(operators.Get(operators.Keys()[0])).(*types.Array)
\tif operators.Keys()[0] != "$in" || !ok || list.Len() == 0 || list.Len() > 1000 {
\t\treturn nil
\t}
\tids := make([]any, 0, list.Len())
\tfor i := 0; i < list.Len(); i++ {
\t\tswitch id := must.NotFail(list.Get(i)).(type) {
\t\tcase string, types.ObjectID:
\t\t\tids = append(ids, string(must.NotFail(sjson.MarshalSingleValue(id))))
\t\tdefault:
\t\t\treturn nil
\t\t}
\t}
\treturn ids
}
`,
  );
}

export function findFerretdb(options: {
  explicitBin?: string;
  toolsDir: string;
}): string | undefined {
  if (options.explicitBin) return options.explicitBin;
  return (
    findOnPath('ferretdb') ??
    (isExecutable(builtFerretdbPath(options.toolsDir))
      ? builtFerretdbPath(options.toolsDir)
      : undefined)
  );
}

export function findGo(): string | undefined {
  return (
    findOnPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined)
  );
}

function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(
            new Error(
              `${path.basename(bin)} ${args.join(' ')} failed (${code}): ${stderr.trim() || stdout.slice(-4000).trim()}`,
            ),
          ),
    );
  });
}

/**
 * Builds FerretDB from the Go module proxy into the tools folder, once.
 * `go install module@version` alone gives a binary without build/version/version.txt, which is not
 * part of the published module and which FerretDB needs at start (FerretDB issues #2982, #4889);
 * so we download the module, copy it somewhere writable, add that file and build there.
 */
export async function buildFerretdb(options: {
  toolsDir: string;
  log: (line: string) => void;
}): Promise<string> {
  const go = findGo();
  if (!go) throw new Error('no `go` toolchain found to build FerretDB');
  const target = builtFerretdbPath(options.toolsDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CGO_ENABLED: '0', // modernc.org/sqlite is pure Go
    GOFLAGS: '-buildvcs=false -mod=mod',
    DO_NOT_TRACK: '1',
  };
  options.log(
    `building the embedded database (FerretDB ${FERRETDB_BUILD} with Go), first run only; this takes a few minutes…`,
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-ferretdb-build-'));
  try {
    const downloaded = await downloadModule(
      go,
      `${FERRETDB_MODULE}@${FERRETDB_VERSION}`,
      work,
      env,
    );
    options.log('  module downloaded; compiling…');
    const source = path.join(work, 'src');
    fs.cpSync(downloaded, source, { recursive: true });
    makeWritable(source);
    fs.mkdirSync(path.join(source, 'build', 'version'), { recursive: true });
    fs.writeFileSync(path.join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    patchIdIndexExpression(source);
    patchRangeIndexExpression(source);
    patchScalarPushdown(source);
    patchRuntimeOverheads(source);
    patchSjsonDecoding(source);
    patchWriteSerialisation(source);
    patchEmptyProjection(source);
    patchReadsClosedBeforeWrites(source);
    patchBackgroundCheckpoint(source);
    patchUnjournaledWrites(source);
    const wire = await downloadModule(
      go,
      `${FERRETDB_WIRE_MODULE}@${FERRETDB_WIRE_VERSION}`,
      work,
      env,
    );
    // Inside the source tree, so the build needs nothing outside it; its own go.mod keeps it out
    // of FerretDB's packages.
    const wireSource = path.join(source, 'trede-wire');
    fs.cpSync(wire, wireSource, { recursive: true });
    makeWritable(wireSource);
    patchOutgoingMessageChecks(wireSource);
    await run(go, ['mod', 'edit', `-replace=${FERRETDB_WIRE_MODULE}=./trede-wire`], source, env);
    // FerretDB's test helpers find the repository root by its .git; the module has none.
    fs.mkdirSync(path.join(source, '.git'), { recursive: true });
    options.log('  testing the patches…');
    await run(go, ['test', '-count=1', ...FERRETDB_PATCH_TESTS], source, env);
    await run(go, ['test', '-count=1', '.'], wireSource, env);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.partial-${process.pid}`;
    await run(go, ['build', '-trimpath', '-o', temporary, './cmd/ferretdb'], source, env);
    fs.renameSync(temporary, target); // atomic: a concurrent starter never sees half a binary
    options.log(`  built ${target}`);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The read-only directory of a module in Go's module cache, downloaded when missing. */
async function downloadModule(
  go: string,
  moduleAtVersion: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const downloaded = JSON.parse(
    await run(go, ['mod', 'download', '-json', moduleAtVersion], cwd, env),
  ) as {
    Dir?: string;
    Error?: string;
  };
  if (!downloaded.Dir)
    throw new Error(
      `go mod download ${moduleAtVersion}: ${downloaded.Error ?? 'no module directory'}`,
    );
  return downloaded.Dir;
}

function makeWritable(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    fs.chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
    if (entry.isDirectory()) makeWritable(full);
  }
  fs.chmodSync(dir, 0o755);
}

/**
 * Go's collector, by default, runs whenever the heap doubles; FerretDB allocates a whole decoded
 * document per read and per update, so it collected every few requests (the collector was ~20% of
 * its CPU in pprof). GOGC=400 took its CPU per event from 8.6 to 6.3 ms (decision 059). The soft
 * ceiling is half the machine's memory: FerretDB runs an export's `$unwind` and `$sort` in its own
 * memory (6.5 GB for 1M transitions), and a ceiling below that live heap makes the collector run
 * without pause (a 1 GiB ceiling slowed that export from 43 to 73 s). An operator's own GOGC or
 * GOMEMLIMIT wins.
 */
export function ferretdbGarbageCollection(
  environment: NodeJS.ProcessEnv = process.env,
  totalMemoryBytes: number = os.totalmem(),
): Record<'GOGC' | 'GOMEMLIMIT', string> {
  const halfInMiB = Math.max(1024, Math.floor(totalMemoryBytes / 2 / 2 ** 20));
  return {
    GOGC: environment.GOGC ?? '400',
    GOMEMLIMIT: environment.GOMEMLIMIT ?? `${halfInMiB}MiB`,
  };
}

export function ferretdbArgs(dataDir: string, endpoint: Endpoint): string[] {
  const sqliteDir = engineDataDir(dataDir, 'ferretdb');
  fs.mkdirSync(sqliteDir, { recursive: true, mode: 0o700 });
  return [
    '--handler=sqlite',
    `--sqlite-url=file:${sqliteDir}/?_pragma=wal_autocheckpoint(${WAL_AUTOCHECKPOINT_PAGES})`,
    `--state-dir=${sqliteDir}`,
    // The SQLite backend has no authentication: a Unix socket in the 0700 data folder, so only this
    // user can connect (hole 4); TCP is switched off. Loopback TCP only when the path is too long.
    ...('socket' in endpoint
      ? ['--listen-addr=', `--listen-unix=${endpoint.socket}`]
      : [`--listen-addr=127.0.0.1:${endpoint.port}`]),
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=warn',
  ];
}
