import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../server/db/connection';
import { startEmbeddedDatabase } from '../../server/db/embedded';
import { MAX_SOCKET_PATH } from '../../server/db/embedded/data-folder';
import { findFreePort } from '../../server/db/embedded/ports';
import { createTestDatabase } from '../support/database';

const toolsDir = path.resolve(process.env.TREDE_TOOLS_DIR ?? path.join(__dirname, '../../.tools'));

describe('the test engine', () => {
  it('stores a document through mongoose and returns it over a fresh connection', async () => {
    const database = await createTestDatabase('roundtrip');
    try {
      const Note = database.connection.model(
        'Note',
        new mongoose.Schema({ text: String, at: Date }),
      );
      await Note.create({ text: 'trede 3 bereikt', at: new Date('2026-03-01T09:00:00Z') });

      const fresh = await connectDatabase(database.uri);
      try {
        const found = await fresh.collection('notes').findOne({ text: 'trede 3 bereikt' });
        expect(found?.at).toEqual(new Date('2026-03-01T09:00:00Z'));
      } finally {
        await fresh.close();
      }
    } finally {
      await database.cleanup();
    }
  });
});

// These start engines of their own; with MONGODB_URI there is no embedded engine to test.
const describeEmbedded = process.env.MONGODB_URI ? describe.skip : describe;

describeEmbedded('the embedded engine (own data folder)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trede-embedded-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across a stop and a start', async () => {
    const port = await findFreePort();
    const options = { dataDir, port, toolsDir, dbName: 'persist', log: () => undefined };
    const first = await startEmbeddedDatabase(options);
    const writer = await connectDatabase(first.uri);
    await writer.collection('cases').insertOne({ clientNumber: 'K-1', trede: 2 });
    await writer.close();
    await first.stop();

    const second = await startEmbeddedDatabase(options);
    const reader = await connectDatabase(second.uri);
    try {
      expect(await reader.collection('cases').findOne({ clientNumber: 'K-1' })).toMatchObject({
        trede: 2,
      });
    } finally {
      await reader.close();
      await second.stop();
    }
  });

  it('refuses a port that is already in use, in one sentence naming the port and the setting', async () => {
    // A data folder too long for a Unix socket path makes every engine use TCP.
    const longDir = path.join(dataDir, 'x'.repeat(MAX_SOCKET_PATH));
    const busy = net.createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));
    try {
      await expect(
        startEmbeddedDatabase({
          dataDir: longDir,
          port,
          toolsDir,
          dbName: 'x',
          log: () => undefined,
        }),
      ).rejects.toThrow(new RegExp(`Port ${port} .*TREDE_DB_PORT`));
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('refuses a data folder another live Trede process holds', async () => {
    fs.writeFileSync(path.join(dataDir, 'trede.lock'), String(process.ppid));
    await expect(
      startEmbeddedDatabase({
        dataDir,
        port: await findFreePort(),
        toolsDir,
        dbName: 'x',
        log: () => undefined,
      }),
    ).rejects.toThrow(/in use by another Trede process/);
  });
});
