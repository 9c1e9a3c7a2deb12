import fs from 'node:fs';
import path from 'node:path';
import { renderMachineDiagram } from './diagrams';
import { MACHINE_IDS } from './machine-ids';
import { stateKeysOf } from './machine-registry';

describe('machine diagrams in docs/machines (issue 3: generated, kept current)', () => {
  it.each(MACHINE_IDS)('docs/machines/%s.md equals what the machine generates', (id) => {
    const file = path.resolve(__dirname, '..', 'docs', 'machines', `${id}.md`);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)';
    // If this fails: run `npm run machines:diagrams` and commit the result.
    expect(committed).toBe(renderMachineDiagram(id));
  });

  it.each(MACHINE_IDS)('the %s diagram shows every state', (id) => {
    const text = renderMachineDiagram(id);
    for (const state of stateKeysOf(id)) expect(text).toMatch(new RegExp(`\\b${state}\\b`));
  });
});
