import fs from 'node:fs';
import type { EmbeddedDatabase } from '../../server/db/embedded';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __tredeEngine?: { engine: EmbeddedDatabase; dataDir: string } })
    .__tredeEngine;
  if (!started) return;
  await started.engine.stop();
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}
