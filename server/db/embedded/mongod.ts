import fs from 'node:fs';
import { engineDataDir } from './data-folder';
import { findOnPath } from './executables';

export function findMongod(explicitBin?: string): string | undefined {
  return explicitBin ?? findOnPath('mongod');
}

export function mongodArgs(dataDir: string, port: number): string[] {
  const dbPath = engineDataDir(dataDir, 'mongod');
  fs.mkdirSync(dbPath, { recursive: true, mode: 0o700 });
  return ['--dbpath', dbPath, '--bind_ip', '127.0.0.1', '--port', String(port), '--quiet'];
}
