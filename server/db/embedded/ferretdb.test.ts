import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { patchIdIndexExpression, patchRangeIndexExpression, patchScalarPushdown } from './ferretdb';

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
