import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ferretdbArgs,
  ferretdbGarbageCollection,
  patchBackgroundCheckpoint,
  patchEmptyProjection,
  patchReadsClosedBeforeWrites,
  patchIdIndexExpression,
  patchOutgoingMessageChecks,
  patchRangeIndexExpression,
  patchRuntimeOverheads,
  patchScalarPushdown,
  patchSjsonDecoding,
  patchUnjournaledWrites,
} from './ferretdb';
import {
  BACKGROUND_CHECKPOINT_GO,
  BACKGROUND_CHECKPOINT_TEST_GO,
} from './ferretdb-background-checkpoint';
import { EMPTY_PROJECTION_TEST_GO } from './ferretdb-empty-projection';
import { SJSON_DECODER_GO, SJSON_DECODER_TEST_GO } from './ferretdb-sjson-decoder';
import {
  UNJOURNALED_COMMON_GO,
  UNJOURNALED_FSQL_GO,
  UNJOURNALED_FSQL_TEST_GO,
} from './ferretdb-unjournaled-writes';

const REGISTRY = path.join('internal', 'backends', 'sqlite', 'metadata', 'registry.go');

function sourceWith(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
  fs.mkdirSync(path.dirname(path.join(dir, REGISTRY)), { recursive: true });
  fs.writeFileSync(path.join(dir, REGISTRY), content);
  return dir;
}

describe('patchIdIndexExpression', () => {
  it('makes the _id index use the expression FerretDB looks documents up with', () => {
    const dir = sourceWith(
      '\t\tfor j, f := range fields {}\n\t\t\tcolumns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))\n\t\t\tif key.Descending {\n',
    );
    patchIdIndexExpression(dir);
    const patched = fs.readFileSync(path.join(dir, REGISTRY), 'utf8');
    expect(patched).toContain(
      '\t\t\tif key.Field == "_id" {\n\t\t\t\tcolumns[i] = IDColumn\n\t\t\t}\n\t\t\tif key.Descending {',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the line it patches', () => {
    const dir = sourceWith('package metadata\n');
    expect(() => patchIdIndexExpression(dir)).toThrow(/no longer applies/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('patchRangeIndexExpression', () => {
  it('builds the indexes of the listed date fields on ->>, the expression the range pushdown compares', () => {
    const dir = sourceWith(
      '\t\t\tcolumns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))\n\t\t\tif key.Descending {\n',
    );
    patchIdIndexExpression(dir);
    patchRangeIndexExpression(dir);
    const patched = fs.readFileSync(path.join(dir, REGISTRY), 'utf8');
    expect(patched).toContain(
      '\t\t\tif (map[string]bool{"signalFrom": true, "sweepDueAt": true, "updatedAt": true})[key.Field] {\n\t\t\t\tcolumns[i] = fmt.Sprintf("%s->>%q", DefaultColumn, key.Field)\n\t\t\t}\n',
    );
    expect(patched).toContain('columns[i] = IDColumn');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the line it patches', () => {
    const dir = sourceWith('package metadata\n');
    expect(() => patchRangeIndexExpression(dir)).toThrow(/no longer applies/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('patchScalarPushdown', () => {
  const COLLECTION = path.join('internal', 'backends', 'sqlite', 'collection.go');
  const source = [
    '\torderByClause := prepareOrderByClause(params.Sort)\n\tsortPushdown := orderByClause != ""\n',
    '\tq += whereClause\n\tq += prepareOrderByClause(params.Sort)\n',
  ].join('');

  function collectionSource(content: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
    fs.mkdirSync(path.dirname(path.join(dir, COLLECTION)), { recursive: true });
    fs.writeFileSync(path.join(dir, COLLECTION), content);
    return dir;
  }

  it('narrows queries and explains by the listed scalar fields when no _id pushdown applies', () => {
    const dir = collectionSource(source);
    patchScalarPushdown(dir);
    const patched = fs.readFileSync(path.join(dir, COLLECTION), 'utf8');
    expect(patched.match(/whereClause, args = tredeScalarPushdown\(params.Filter\)/g)).toHaveLength(
      2,
    );
    const helper = fs.readFileSync(
      path.join(path.dirname(path.join(dir, COLLECTION)), 'trede_pushdown.go'),
      'utf8',
    );
    expect(helper).toContain('"orgId": true, "teamId": true, "begeleiderId": true');
    // Dates compare as the integers sjson stores (->>), never as JSON text (->).
    expect(helper).toContain('"signalFrom": true, "sweepDueAt": true, "updatedAt": true');
    expect(helper).toContain('fmt.Sprintf("%s->>%q %s ?", metadata.DefaultColumn, key, sql)');
    expect(helper).toContain('args = append(args, instant.UnixMilli())');
    expect(helper).toContain('metadata.IDColumn+" IN (?"');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the lines it patches', () => {
    const dir = collectionSource('package sqlite\n');
    expect(() => patchScalarPushdown(dir)).toThrow(/no longer applies/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('patchRuntimeOverheads', () => {
  const RESOURCE = path.join('internal', 'util', 'resource', 'resource.go');
  const WIRE = path.join('internal', 'handler', 'wire.go');

  function runtimeSource(resource: string, wire: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
    for (const [file, content] of [
      [RESOURCE, resource],
      [WIRE, wire],
    ] as const) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  }

  it('keeps resource tracking to debug builds and stops the second NaN decoding of messages', () => {
    const dir = runtimeSource(
      'func Track(obj any, token *Token) {\n\tcheckArgs(obj, token)\n}\n\nfunc Untrack(obj any, token *Token) {\n\tcheckArgs(obj, token)\n}\n',
      'func init() {\n\twire.CheckNaNs = true\n}\n',
    );
    patchRuntimeOverheads(dir);
    const resource = fs.readFileSync(path.join(dir, RESOURCE), 'utf8');
    expect(
      resource.match(/\{\n\tif !debugbuild.Enabled \{\n\t\treturn\n\t\}\n\tcheckArgs/g),
    ).toHaveLength(2);
    expect(fs.readFileSync(path.join(dir, WIRE), 'utf8')).toContain('\twire.CheckNaNs = false\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the lines it patches', () => {
    const dir = runtimeSource('package resource\n', 'package handler\n');
    expect(() => patchRuntimeOverheads(dir)).toThrow(/no longer applies/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('patchSjsonDecoding', () => {
  const SJSON = path.join('internal', 'handler', 'sjson');
  const originals = {
    'sjson.go':
      'func Unmarshal(data []byte) (*types.Document, error) {\n\tvar v map[string]json.RawMessage\n}\n\nfunc Marshal(d *types.Document) ([]byte, error) {\n\tif d == nil {\n\t\tpanic("v is nil")\n\t}\n\n\tschema, err := marshalSchemaForDoc(d)\n',
    'document.go':
      'func (doc *documentType) UnmarshalJSONWithSchema(data []byte, sch *schema) error {\n\tif bytes.Equal(data, []byte("null")) {\n',
    'array.go':
      'func (a *arrayType) UnmarshalJSONWithSchema(data []byte, schemas []*elem) error {\n\tif bytes.Equal(data, []byte("null")) {\n',
  };

  function sjsonSource(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
    fs.mkdirSync(path.join(dir, SJSON), { recursive: true });
    for (const [file, content] of Object.entries(files))
      fs.writeFileSync(path.join(dir, SJSON, file), content);
    return dir;
  }
  const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, SJSON, file), 'utf8');

  it('tries the single-pass decoder first and keeps the original code after it', () => {
    const dir = sjsonSource(originals);
    patchSjsonDecoding(dir);
    expect(read(dir, 'sjson.go')).toBe(
      'func Unmarshal(data []byte) (*types.Document, error) {\n\tif tredeSinglePass {\n\t\tif d, ok := tredeUnmarshal(data); ok {\n\t\t\treturn d, nil\n\t\t}\n\t}\n\n\tvar v map[string]json.RawMessage\n}\n\n' +
        'func Marshal(d *types.Document) ([]byte, error) {\n\tif d == nil {\n\t\tpanic("v is nil")\n\t}\n\n\tif tredeSinglePass {\n\t\tif b, ok := tredeMarshal(d); ok {\n\t\t\treturn b, nil\n\t\t}\n\t}\n\n\tschema, err := marshalSchemaForDoc(d)\n',
    );
    expect(read(dir, 'document.go')).toContain(
      '{\n\tif d, ok := tredeFastDocument(data, sch); ok {\n\t\t*doc = documentType(*d)\n\t\treturn nil\n\t}\n\n\tif bytes.Equal(data, []byte("null")) {\n',
    );
    expect(read(dir, 'array.go')).toContain(
      '{\n\tif arr, ok := tredeFastArray(data, schemas); ok {\n\t\t*a = arrayType(*arr)\n\t\treturn nil\n\t}\n\n\tif bytes.Equal(data, []byte("null")) {\n',
    );
    expect(read(dir, 'trede_decode.go')).toBe(SJSON_DECODER_GO);
    expect(read(dir, 'trede_decode_test.go')).toBe(SJSON_DECODER_TEST_GO);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds Go sources that define what the hooks call, in the sjson package', () => {
    for (const name of [
      'tredeSinglePass',
      'tredeUnmarshal(',
      'tredeFastDocument(',
      'tredeFastArray(',
    ])
      expect(SJSON_DECODER_GO).toContain(name);
    expect(SJSON_DECODER_GO).toMatch(/^(\/\/.*\n|\n)*package sjson\n/);
    expect(SJSON_DECODER_TEST_GO).toMatch(/^(\/\/.*\n|\n)*package sjson\n/);
    // the test must switch the fast path off to get the original decoder's answer
    expect(SJSON_DECODER_TEST_GO).toContain('tredeSinglePass = single');
  });

  it.each(Object.keys(originals))('fails loudly when %s no longer has its anchor', (file) => {
    const dir = sjsonSource({ ...originals, [file]: 'package sjson\n' });
    expect(() => patchSjsonDecoding(dir)).toThrow(/sjson decoding patch no longer applies/);
    // nothing was written half-way
    expect(fs.existsSync(path.join(dir, SJSON, 'trede_decode.go'))).toBe(false);
    expect(read(dir, 'sjson.go')).toBe(
      file === 'sjson.go' ? 'package sjson\n' : originals['sjson.go'],
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('ferretdbGarbageCollection', () => {
  const GIB = 2 ** 30;
  it('collects less often under a soft ceiling of half the memory unless the operator says otherwise', () => {
    expect(ferretdbGarbageCollection({}, 24 * GIB)).toEqual({
      GOGC: '400',
      GOMEMLIMIT: '12288MiB',
    });
    expect(ferretdbGarbageCollection({}, 1 * GIB)).toEqual({ GOGC: '400', GOMEMLIMIT: '1024MiB' });
    expect(ferretdbGarbageCollection({ GOGC: '100', GOMEMLIMIT: '256MiB' }, 24 * GIB)).toEqual({
      GOGC: '100',
      GOMEMLIMIT: '256MiB',
    });
  });
});

describe('patchOutgoingMessageChecks (wire module)', () => {
  // The three checks of wire v0.0.7's op_msg.go, as they stand there.
  const setSections =
    'func (msg *OpMsg) SetSections(sections ...OpMsgSection) error {\n\tif err := checkSections(sections); err != nil {\n\t\treturn lazyerrors.Error(err)\n\t}\n\n\tmsg.sections = sections\n\n\tif debugbuild || CheckNaNs {\n\t\tif err := msg.check(); err != nil {\n';
  const unmarshal =
    '\tif err := checkSections(msg.sections); err != nil {\n\t\treturn lazyerrors.Error(err)\n\t}\n\n\tif debugbuild || CheckNaNs {\n\t\tif err := msg.check(); err != nil {\n';
  const marshal =
    'func (msg *OpMsg) MarshalBinary() ([]byte, error) {\n\tif err := checkSections(msg.sections); err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n\n\tif debugbuild {\n\t\tif err := msg.check(); err != nil {\n';

  function wireSource(content: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-wire-'));
    fs.writeFileSync(path.join(dir, 'op_msg.go'), content);
    return dir;
  }

  it('checks replies only for NaN (off), and every incoming message as before', () => {
    const dir = wireSource(
      `${setSections}}\n\nfunc (msg *OpMsg) UnmarshalBinaryNocopy(b []byte) error {\n${unmarshal}}\n\n${marshal}`,
    );
    patchOutgoingMessageChecks(dir);
    const patched = fs.readFileSync(path.join(dir, 'op_msg.go'), 'utf8');
    expect(patched).toContain('\tmsg.sections = sections\n\n\tif CheckNaNs {\n');
    expect(patched).toContain(unmarshal); // incoming: unchanged
    expect(patched).toContain(
      'func (msg *OpMsg) MarshalBinary() ([]byte, error) {\n\tif err := checkSections(msg.sections); err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n\n\tif CheckNaNs {\n',
    );
    expect(patched.match(/debugbuild/g)).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the lines it patches', () => {
    const dir = wireSource(`${setSections}}\n`);
    expect(() => patchOutgoingMessageChecks(dir)).toThrow(/no longer applies/);
    expect(fs.readFileSync(path.join(dir, 'op_msg.go'), 'utf8')).toBe(`${setSections}}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('patchEmptyProjection', () => {
  const COMMON = path.join('internal', 'handler', 'common');
  const next =
    'func (iter *projectionIterator) Next() (struct{}, *types.Document, error) {\n\tvar unused struct{}\n\n\t_, doc, err := iter.iter.Next()\n\tif err != nil {\n\t\treturn unused, nil, lazyerrors.Error(err)\n\t}\n\n\tprojected, err := ProjectDocument(doc, iter.projection, iter.filter, iter.inclusion)\n';

  function commonSource(content: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
    fs.mkdirSync(path.join(dir, COMMON), { recursive: true });
    fs.writeFileSync(path.join(dir, COMMON, 'projection_iterator.go'), content);
    return dir;
  }

  it('answers the document itself without a projection when _id is its first key, else projects', () => {
    const dir = commonSource(next);
    patchEmptyProjection(dir);
    expect(fs.readFileSync(path.join(dir, COMMON, 'projection_iterator.go'), 'utf8')).toContain(
      '\tif iter.projection.Len() == 0 {\n\t\tif keys := doc.Keys(); len(keys) > 0 && keys[0] == "_id" {\n\t\t\treturn unused, doc, nil // Trede: the copy would equal the document\n\t\t}\n\t}\n\n\tprojected, err := ProjectDocument(',
    );
    expect(fs.readFileSync(path.join(dir, COMMON, 'trede_projection_test.go'), 'utf8')).toBe(
      EMPTY_PROJECTION_TEST_GO,
    );
    expect(EMPTY_PROJECTION_TEST_GO).toMatch(/^package common\n/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the line it patches', () => {
    const dir = commonSource('package common\n');
    expect(() => patchEmptyProjection(dir)).toThrow(/no longer applies/);
    expect(fs.existsSync(path.join(dir, COMMON, 'trede_projection_test.go'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('patchReadsClosedBeforeWrites', () => {
  const HANDLER = path.join('internal', 'handler');
  const update = '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n';
  const limit = '\titer = common.LimitIterator(iter, closer, 1)\n';

  function handlerSource(updateGo: string, findAndModifyGo: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
    fs.mkdirSync(path.join(dir, HANDLER), { recursive: true });
    fs.writeFileSync(path.join(dir, HANDLER, 'msg_update.go'), updateGo);
    fs.writeFileSync(path.join(dir, HANDLER, 'msg_findandmodify.go'), findAndModifyGo);
    return dir;
  }

  it('consumes the matching documents (closing the read) before update and findAndModify write', () => {
    const dir = handlerSource(update, `${limit}\n\tresult := &findAndModifyResult{\n`);
    patchReadsClosedBeforeWrites(dir);
    const updateGo = fs.readFileSync(path.join(dir, HANDLER, 'msg_update.go'), 'utf8');
    expect(updateGo).toContain('\t\tmatching, err := iterator.ConsumeValues(iter)\n');
    expect(updateGo).toContain(
      'common.UpdateDocument(ctx, c, "update", iterator.Values(iterator.ForSlice(matching)), &u)',
    );
    expect(updateGo).not.toContain('"update", iter, &u)');
    const modifyGo = fs.readFileSync(path.join(dir, HANDLER, 'msg_findandmodify.go'), 'utf8');
    expect(modifyGo.indexOf('iterator.ConsumeValues(iter)')).toBeGreaterThan(
      modifyGo.indexOf(limit),
    );
    expect(modifyGo).toContain('\titer = iterator.Values(iterator.ForSlice(matching))\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the lines it patches', () => {
    const dir = handlerSource('package handler\n', limit);
    expect(() => patchReadsClosedBeforeWrites(dir)).toThrow(/no longer applies/);
    expect(fs.readFileSync(path.join(dir, HANDLER, 'msg_update.go'), 'utf8')).toBe(
      'package handler\n',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('patchBackgroundCheckpoint', () => {
  const POOL = path.join('internal', 'backends', 'sqlite', 'metadata', 'pool');
  const ping =
    '\tif err = db.Ping(); err != nil {\n\t\t_ = db.Close()\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n';

  function poolSource(openDbGo: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
    fs.mkdirSync(path.join(dir, POOL), { recursive: true });
    fs.writeFileSync(path.join(dir, POOL, 'opendb.go'), openDbGo);
    return dir;
  }

  it('starts the checkpointer for each database file once it answers, not for memory', () => {
    const dir = poolSource(`${ping}\n\t// do it only once\n`);
    patchBackgroundCheckpoint(dir);
    expect(fs.readFileSync(path.join(dir, POOL, 'opendb.go'), 'utf8')).toBe(
      `${ping}\n\tif !memory {\n\t\tgo tredeCheckpointInBackground(db, l)\n\t}\n\n\t// do it only once\n`,
    );
    expect(fs.readFileSync(path.join(dir, POOL, 'trede_checkpoint.go'), 'utf8')).toBe(
      BACKGROUND_CHECKPOINT_GO,
    );
    expect(BACKGROUND_CHECKPOINT_GO).toContain('PRAGMA wal_checkpoint(PASSIVE)');
    expect(fs.readFileSync(path.join(dir, POOL, 'trede_checkpoint_test.go'), 'utf8')).toBe(
      BACKGROUND_CHECKPOINT_TEST_GO,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the line it patches', () => {
    const dir = poolSource('package pool\n');
    expect(() => patchBackgroundCheckpoint(dir)).toThrow(/no longer applies/);
    expect(fs.existsSync(path.join(dir, POOL, 'trede_checkpoint.go'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens every database with SQLite's own checkpoints only as a safety net", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-args-'));
    const url = ferretdbArgs(dataDir, { port: 27017 }).find((arg) =>
      arg.startsWith('--sqlite-url='),
    );
    expect(url).toMatch(/^--sqlite-url=file:.*\/\?_pragma=wal_autocheckpoint\(10000\)$/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('patchUnjournaledWrites', () => {
  const FSQL = path.join('internal', 'util', 'fsql');
  const HANDLER = path.join('internal', 'handler');
  const begin =
    '\tif sqlTx, err = db.sqlDB.BeginTx(ctx, nil); err != nil {\n\t\terr = lazyerrors.Error(err)\n\t\treturn\n\t}\n';
  const command =
    '\tdocument, err := opMsgDocument(msg)\n\tif err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n';

  function handlerSource(dbGo: string, commandGo: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
    fs.mkdirSync(path.join(dir, FSQL), { recursive: true });
    fs.mkdirSync(path.join(dir, HANDLER, 'common'), { recursive: true });
    fs.writeFileSync(path.join(dir, FSQL, 'db.go'), dbGo);
    for (const file of ['msg_insert.go', 'msg_update.go'])
      fs.writeFileSync(path.join(dir, HANDLER, file), commandGo);
    return dir;
  }

  it('marks inserts and updates by their write concern and begins such transactions unsynced', () => {
    const dir = handlerSource(begin, `${command}\n\tparams, err := common.GetInsertParams()\n`);
    patchUnjournaledWrites(dir);
    const dbGo = fs.readFileSync(path.join(dir, FSQL, 'db.go'), 'utf8');
    expect(dbGo).toMatch(
      /^\tif TredeIsUnjournaled\(ctx\) \{\n.*db\.tredeBeginUnjournaled\(ctx\).*\n\t\tdefer release\(\)\n\t\} else if sqlTx, err = db\.sqlDB\.BeginTx\(ctx, nil\); err != nil \{\n\t\terr = lazyerrors\.Error\(err\)/s,
    );
    for (const file of ['msg_insert.go', 'msg_update.go'])
      expect(fs.readFileSync(path.join(dir, HANDLER, file), 'utf8')).toBe(
        `${command}\n\tconnCtx = common.TredeWriteContext(connCtx, document)\n\n\tparams, err := common.GetInsertParams()\n`,
      );
    expect(fs.readFileSync(path.join(dir, FSQL, 'trede_unjournaled.go'), 'utf8')).toBe(
      UNJOURNALED_FSQL_GO,
    );
    expect(fs.readFileSync(path.join(dir, FSQL, 'trede_unjournaled_test.go'), 'utf8')).toBe(
      UNJOURNALED_FSQL_TEST_GO,
    );
    expect(
      fs.readFileSync(path.join(dir, HANDLER, 'common', 'trede_write_concern.go'), 'utf8'),
    ).toBe(UNJOURNALED_COMMON_GO);
    // The connection's own setting comes back, and only {j: false} marks a command.
    expect(UNJOURNALED_FSQL_GO).toContain('PRAGMA synchronous = NORMAL');
    expect(UNJOURNALED_FSQL_GO).toContain('"PRAGMA synchronous = %d", level');
    expect(UNJOURNALED_COMMON_GO).toContain('ok && !journaled');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails loudly when the source no longer has the lines it patches', () => {
    const dir = handlerSource(begin, 'package handler\n');
    expect(() => patchUnjournaledWrites(dir)).toThrow(/no longer applies/);
    expect(fs.existsSync(path.join(dir, FSQL, 'trede_unjournaled.go'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
