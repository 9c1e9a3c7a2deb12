import fs from 'node:fs';
import path from 'node:path';
import { findOnPath } from './executables';

export function findMongod(explicitBin?: string): string | undefined {
  return explicitBin ?? findOnPath('mongod');
}

export function mongodArgs(dataDir: string, port: number): string[] {
  const dbPath = path.join(dataDir, 'mongod');
  fs.mkdirSync(dbPath, { recursive: true });
  return ['--dbpath', dbPath, '--bind_ip', '127.0.0.1', '--port', String(port), '--quiet'];
}
