import request from 'supertest';
import { isPublicRoute, PUBLIC_ROUTES } from '../../server/http/public-routes';
import { startTestServer, type TestServer } from '../support/test-server';

/** Issue 8: which routes answer without a session is one list, and every other route is a 401. */
describe('authentication of every API route', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  const send = (method: string, path: string) => {
    const url = `/api/v1${path.replace(/\{[^}]+\}/g, '6b038ed3cdd017570b68e656')}`;
    const agent = request(server.app);
    if (method === 'get') return agent.get(url);
    if (method === 'post') return agent.post(url).send({});
    if (method === 'patch') return agent.patch(url).send({});
    if (method === 'put') return agent.put(url).send({});
    return agent.delete(url);
  };

  it('answers 401 without a session on every documented route that is not public', async () => {
    const document = await request(server.app).get('/api/v1/openapi.json').expect(200);
    const routes = Object.entries(document.body.paths as Record<string, object>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => ({ method, path })),
    );
    const guarded = routes.filter((route) => !isPublicRoute(route.method, route.path));
    expect(guarded.length).toBeGreaterThan(20);
    const answers = [];
    for (const route of guarded)
      answers.push({ ...route, status: (await send(route.method, route.path)).status });
    expect(answers.filter((answer) => answer.status !== 401)).toEqual([]);
  });

  it('answers the public routes without a session', async () => {
    const statuses = [];
    for (const route of PUBLIC_ROUTES) statuses.push((await send(route.method, route.path)).status);
    expect(statuses).toEqual([200, 200, 400, 204]);
  });
});
