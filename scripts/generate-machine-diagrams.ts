/**
 * Writes docs/machines/<machineId>.md from the machine definitions (`npm run machines:diagrams`).
 * machines/diagrams.test.ts fails when a committed file differs from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MACHINE_IDS, renderMachineDiagram } from '../machines';

const directory = path.resolve(__dirname, '..', 'docs', 'machines');
fs.mkdirSync(directory, { recursive: true });
for (const id of MACHINE_IDS) {
  const file = path.join(directory, `${id}.md`);
  fs.writeFileSync(file, renderMachineDiagram(id));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
