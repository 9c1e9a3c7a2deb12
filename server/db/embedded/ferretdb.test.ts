import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { patchIdIndexExpression } from './ferretdb';

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
