import request from 'supertest';
import { startTestServer, type TestServer } from '../support/test-server';

describe('GET /api/v1/health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it('reports the database as up', async () => {
    const response = await request(server.app).get('/api/v1/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('answers unknown API paths with the error shape, not the client page', async () => {
    const response = await request(server.app).get('/api/v1/nope').expect(404);
    expect(response.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends security headers', async () => {
    const response = await request(server.app).get('/api/v1/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers 503 with the database down when the connection is gone', async () => {
    const other = await startTestServer();
    try {
      await other.database.connection.close();
      const response = await request(other.app).get('/api/v1/health').expect(503);
      expect(response.body).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    } finally {
      // Reconnect so that close() can drop this server's database and nothing is left open.
      await other.database.connection.openUri(other.database.uri);
      await other.close();
    }
    expect(other.database.connection.readyState).toBe(0); // disconnected
  });
});
