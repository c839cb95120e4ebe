import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createTestContext, testConfig } from './test/context.ts';
import { loginAs, seedOrg, seedStaff, TEST_PASSWORD } from './test/factories.ts';

const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
await seedStaff(ctx.db, org, org.units.hq.id, 'hq.admin', ['admin'], { mobile: '13812345678' });

describe('platform HTTP', () => {
  it('reports health with the driver and version', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: ctx.driver, version: ctx.config.version });
  });

  it('publishes an OpenAPI 3 document covering every /api/v1 route, and the reference page', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const routes = ctx.app.printRoutes({ commonPrefix: false });
    for (const path of ['/api/v1/auth/login', '/api/v1/org-units', '/api/v1/org-units/{id}', '/api/v1/staff', '/api/v1/staff/{id}', '/api/v1/staff/{id}/reset-password', '/api/v1/api-keys', '/api/v1/audit-events', '/api/v1/audit-events/verify']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(routes).toContain('api/v1/staff');
    const docs = await ctx.request({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API routes with problem+json and echoes the request id', async () => {
    const token = await loginAs(ctx.app, 'hq.admin');
    const res = await ctx.request({ method: 'GET', url: '/api/v1/nothing-here', token, headers: { 'x-request-id': 'trace-123' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', requestId: 'trace-123' });
  });

  it('answers malformed JSON with a 400 problem, not a crash', async () => {
    const token = await loginAs(ctx.app, 'hq.admin');
    const res = await ctx.request({ method: 'POST', url: '/api/v1/staff', token, headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
  });

  it('sets security headers (helmet) and a strict content security policy', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('logging', () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const appPromise = buildApp({ config: testConfig({ LOG_LEVEL: 'info' }), database: ctx.database, webDist: null, logStream: stream });
  afterAll(async () => (await appPromise).close());

  it('never writes passwords, tokens or personal data to the log', async () => {
    const app = await appPromise;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hq.admin', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const token = (login.json() as { token: string }).token;
    await app.inject({ method: 'GET', url: '/api/v1/staff', headers: { authorization: `Bearer ${token}` } });
    // Searches carry personal data in the query string: the logged URL keeps only the parameter names.
    await app.inject({ method: 'GET', url: '/api/v1/customers?q=13912345678&limit=5', headers: { authorization: `Bearer ${token}` } });
    expect(lines.join('')).toContain('/api/v1/customers?q=*&limit=*');
    app.log.info({ staff: { mobile: '13812345678', email: 'a@b.cn', idNumber: '330106199001011234' }, token }, 'explicitly logged object');
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(2);
    expect(all).toContain('[REDACTED]');
    for (const secret of [TEST_PASSWORD, token, '13812345678', '13912345678', 'a@b.cn', '330106199001011234']) expect(all).not.toContain(secret);
  });
});
