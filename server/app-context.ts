import type { Connection } from 'mongoose';
import type { Clock } from './clock';
import type { Config } from './config';

/** What every module of the server is built from; created once per process in main.ts (or per test). */
export interface AppContext {
  config: Config;
  clock: Clock;
  db: Connection;
  /** 'external' for MONGODB_URI, else the embedded engine's kind. */
  databaseKind: string;
  /** Key material for sessions, pseudonyms and BSN encryption (SPEC §5). */
  secret: string;
}
