import type { TApiKey, TCreatedApiKey, TCreatedStaff, TLoginResponse, TMe } from '@anxin/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { verifyPassword } from '../../platform/crypto/password.ts';
import { createTestContext, testConfig } from '../../test/context.ts';
import { TEST_PASSWORD, loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';

const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
const { units } = org;
await seedStaff(ctx.db, org, units.hq.id, 'hq.admin', ['admin']);
await seedStaff(ctx.db, org, units.eastA.id, 'li.login', ['csr']);
const adminToken = await loginAs(ctx.app, 'hq.admin');

const login = (username: string, password: string, extra: { remoteAddress?: string } = {}) =>
  ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, ...extra });
const me = (token: string) => ctx.request({ method: 'GET', url: '/api/v1/auth/me', token });
const meByCookie = (cookie: string) => ctx.request({ method: 'GET', url: '/api/v1/auth/me', cookies: { anxin_session: cookie } });
const staffRow = (username: string) => ctx.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const sessionsOf = async (username: string) =>
  ctx.db.selectFrom('session').selectAll().where('staff_id', '=', (await staffRow(username)).id).orderBy('created_at').execute();
const changePassword = (token: string, currentPassword: string, newPassword: string) =>
  ctx.request({ method: 'POST', url: '/api/v1/auth/password', token, payload: { currentPassword, newPassword } });

describe('POST /api/v1/auth/login', () => {
  it('sets an httpOnly SameSite=Strict session cookie that works for /auth/me, and returns a bearer token that works too', async () => {
    const res = await login('li.login', TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as TLoginResponse;
    expect(body.user).toMatchObject({ username: 'li.login', roles: ['csr'], orgUnitId: units.eastA.id, orgUnitLevel: 'city', permissions: ['claim:read', 'claim:report', 'complaint:read', 'complaint:register', 'customer:import', 'customer:read', 'customer:unmask', 'customer:write', 'org:read', 'policy:read', 'policy:write', 'product:read', 'service:read', 'service:work'], mustChangePassword: false });

    const cookie = res.cookies.find((c) => c.name === 'anxin_session')!;
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy(); // test configuration; production sets Secure
    expect(new Date(cookie.expires!).toISOString()).toBe(new Date(Math.floor(new Date(body.expiresAt).getTime() / 1000) * 1000).toISOString());

    const byCookie = await meByCookie(cookie.value);
    expect(byCookie.statusCode, byCookie.body).toBe(200);
    expect((byCookie.json() as TMe).username).toBe('li.login');
    const byBearer = await me(body.token);
    expect(byBearer.statusCode, byBearer.body).toBe(200);
    expect((byBearer.json() as TMe).username).toBe('li.login');
  });

  it('stores only an HMAC of the session token, with its absolute expiry', async () => {
    const body = (await login('li.login', TEST_PASSWORD)).json() as TLoginResponse;
    const sessions = await sessionsOf('li.login');
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    for (const s of sessions) expect(s.token_hash).not.toContain(body.token);
    expect(sessions.at(-1)!.expires_at.toISOString()).toBe(body.expiresAt);
    expect(sessions.at(-1)!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the username in any case', async () => {
    expect((await login('LI.Login', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('400: username and password are required', async () => {
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: {} }), 400, 'VALIDATION_FAILED', ['body.username', 'body.password']);
  });

  it('401 AUTH_INVALID_CREDENTIALS: a wrong password and an unknown user get exactly the same answer', async () => {
    const wrong = expectProblem(await login('li.login', 'wrong-password-1'), 401, 'AUTH_INVALID_CREDENTIALS');
    const unknown = expectProblem(await login('no.such.user', 'wrong-password-1'), 401, 'AUTH_INVALID_CREDENTIALS');
    const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(Object.keys(wrong).sort()).toEqual(['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
    expect((await login('li.login', TEST_PASSWORD)).statusCode).toBe(200); // and a success resets the failure count
    expect((await staffRow('li.login')).failed_login_count).toBe(0);
  });

  it(`423 AUTH_ACCOUNT_LOCKED after ANXIN_MAX_FAILED_LOGINS (${3}) failures, even with the right password, until the lock expires`, async () => {
    expect(ctx.config.auth.maxFailedLogins).toBe(3);
    await seedStaff(ctx.db, org, units.east.id, 'lock.me', ['csr']);
    expectProblem(await login('lock.me', 'wrong-password-1'), 401, 'AUTH_INVALID_CREDENTIALS');
    expectProblem(await login('lock.me', 'wrong-password-2'), 401, 'AUTH_INVALID_CREDENTIALS');
    const locked = expectProblem(await login('lock.me', 'wrong-password-3'), 423, 'AUTH_ACCOUNT_LOCKED');
    expect(new Date(locked.lockedUntil as string).getTime()).toBeGreaterThan(Date.now());
    expectProblem(await login('lock.me', TEST_PASSWORD), 423, 'AUTH_ACCOUNT_LOCKED');
    const staff = await ctx.request({ method: 'GET', url: `/api/v1/staff/${(await staffRow('lock.me')).id}`, token: adminToken });
    expect(staff.json()).toMatchObject({ locked: true });

    const reasons = await ctx.db
      .selectFrom('audit_event')
      .select('data')
      .where('action', '=', 'auth.login_failed')
      .where('entity_id', '=', (await staffRow('lock.me')).id)
      .orderBy('seq')
      .execute();
    expect(reasons.map((r) => r.data.reason)).toEqual(['wrong_password', 'wrong_password', 'wrong_password_locked', 'locked']);

    // The lock runs out (moved into the past here, as time would).
    await ctx.db.updateTable('staff').set({ locked_until: new Date(Date.now() - 1000) }).where('username', '=', 'lock.me').execute();
    expect((await login('lock.me', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('403 AUTH_ACCOUNT_DISABLED for a disabled account with the right password; its open sessions end', async () => {
    await seedStaff(ctx.db, org, units.west.id, 'off.duty', ['csr']);
    const token = await loginAs(ctx.app, 'off.duty');
    const row = await staffRow('off.duty');
    expect((await ctx.request({ method: 'PATCH', url: `/api/v1/staff/${row.id}`, token: adminToken, payload: { status: 'disabled', version: row.version } })).statusCode).toBe(200);
    expectProblem(await login('off.duty', TEST_PASSWORD), 403, 'AUTH_ACCOUNT_DISABLED');
    expectProblem(await login('off.duty', 'wrong-password-1'), 401, 'AUTH_INVALID_CREDENTIALS');
    expectProblem(await me(token), 401, 'AUTH_SESSION_EXPIRED');
  });
});

describe('sessions', () => {
  it('401 UNAUTHENTICATED without credentials, AUTH_SESSION_EXPIRED with an unknown token', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/auth/me' }), 401, 'UNAUTHENTICATED');
    expectProblem(await me('made-up-token'), 401, 'AUTH_SESSION_EXPIRED');
    expectProblem(await meByCookie('made-up-token'), 401, 'AUTH_SESSION_EXPIRED');
  });

  it('logout ends the session (bearer): 204, the cookie is cleared, the token answers 401 AUTH_SESSION_EXPIRED', async () => {
    await seedStaff(ctx.db, org, units.east.id, 'bye.bye', ['analyst']);
    const token = await loginAs(ctx.app, 'bye.bye');
    const other = await loginAs(ctx.app, 'bye.bye');
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/logout', token });
    expect(res.statusCode, res.body).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'anxin_session')!;
    expect(cleared.value).toBe('');
    expect(new Date(cleared.expires!).getTime()).toBeLessThanOrEqual(Date.now());
    expectProblem(await me(token), 401, 'AUTH_SESSION_EXPIRED');
    // Only that session: another device stays signed in.
    expect((await me(other)).statusCode).toBe(200);
  });

  it('logout ends the session (cookie)', async () => {
    const cookie = (await login('bye.bye', TEST_PASSWORD)).cookies.find((c) => c.name === 'anxin_session')!.value;
    expect((await meByCookie(cookie)).statusCode).toBe(200);
    expect((await ctx.request({ method: 'POST', url: '/api/v1/auth/logout', cookies: { anxin_session: cookie } })).statusCode).toBe(204);
    expectProblem(await meByCookie(cookie), 401, 'AUTH_SESSION_EXPIRED');
  });

  it('a session idle for longer than ANXIN_SESSION_IDLE_MINUTES expires; a recently used one is kept and refreshed', async () => {
    await seedStaff(ctx.db, org, units.east.id, 'idle.user', ['csr']);
    const idleMinutes = ctx.config.auth.sessionIdleMinutes;
    const stale = await loginAs(ctx.app, 'idle.user');
    const fresh = await loginAs(ctx.app, 'idle.user');
    const [staleSession, freshSession] = await sessionsOf('idle.user');
    await ctx.db.updateTable('session').set({ last_seen_at: new Date(Date.now() - (idleMinutes + 1) * 60_000) }).where('id', '=', staleSession!.id).execute();
    const recently = new Date(Date.now() - (idleMinutes - 5) * 60_000);
    await ctx.db.updateTable('session').set({ last_seen_at: recently }).where('id', '=', freshSession!.id).execute();

    expectProblem(await me(stale), 401, 'AUTH_SESSION_EXPIRED');
    expect((await me(fresh)).statusCode).toBe(200);
    const refreshed = await ctx.db.selectFrom('session').select('last_seen_at').where('id', '=', freshSession!.id).executeTakeFirstOrThrow();
    expect(refreshed.last_seen_at.getTime()).toBeGreaterThan(recently.getTime());
  });

  it('a session past its absolute expiry ends even when used constantly', async () => {
    await seedStaff(ctx.db, org, units.east.id, 'old.user', ['csr']);
    const token = await loginAs(ctx.app, 'old.user');
    const [session] = await sessionsOf('old.user');
    await ctx.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date() }).where('id', '=', session!.id).execute();
    expectProblem(await me(token), 401, 'AUTH_SESSION_EXPIRED');
  });

  it('PATCH /auth/me saves the console language', async () => {
    const res = await ctx.request({ method: 'PATCH', url: '/api/v1/auth/me', token: adminToken, payload: { locale: 'en-US' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TMe).locale).toBe('en-US');
    expectProblem(await ctx.request({ method: 'PATCH', url: '/api/v1/auth/me', token: adminToken, payload: { locale: 'fr-FR' } }), 400, 'VALIDATION_FAILED', ['body.locale']);
  });
});

describe('POST /api/v1/auth/password', () => {
  const NEW_PASSWORD = 'brand-new-secret-77';

  it('401 without a session', async () => {
    expectProblem(await ctx.request({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'x', newPassword: 'y' } }), 401, 'UNAUTHENTICATED');
  });

  it('400 AUTH_WRONG_PASSWORD when the current password is wrong', async () => {
    await seedStaff(ctx.db, org, units.eastB.id, 'pw.changer', ['csr']);
    const token = await loginAs(ctx.app, 'pw.changer');
    expectProblem(await changePassword(token, 'not-my-password-1', NEW_PASSWORD), 400, 'AUTH_WRONG_PASSWORD', ['body.currentPassword']);
  });

  it.each([
    ['too short', 'abc123'],
    ['no digits', 'onlyletters-here'],
    ['contains the username', 'pw.changer-2026'],
    ['the same as the current one', TEST_PASSWORD],
  ])('400 AUTH_WEAK_PASSWORD: %s', async (_name, weak) => {
    const token = await loginAs(ctx.app, 'pw.changer');
    expectProblem(await changePassword(token, TEST_PASSWORD, weak), 400, 'AUTH_WEAK_PASSWORD', ['body.newPassword']);
  });

  it('204: keeps the current session, ends every other one, and only the new password logs in', async () => {
    const current = await loginAs(ctx.app, 'pw.changer');
    const otherDevice = await loginAs(ctx.app, 'pw.changer');
    const res = await changePassword(current, TEST_PASSWORD, NEW_PASSWORD);
    expect(res.statusCode, res.body).toBe(204);

    expect((await me(current)).statusCode).toBe(200);
    expectProblem(await me(otherDevice), 401, 'AUTH_SESSION_EXPIRED');
    expectProblem(await login('pw.changer', TEST_PASSWORD), 401, 'AUTH_INVALID_CREDENTIALS');
    const fresh = await login('pw.changer', NEW_PASSWORD);
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect((fresh.json() as TLoginResponse).user.mustChangePassword).toBe(false);
    expect((await me(current)).statusCode).toBe(200);

    const row = await staffRow('pw.changer');
    expect(row.password_hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword(NEW_PASSWORD, row.password_hash)).toBe(true);
  });
});

describe('admin password reset', () => {
  it('ends the user’s sessions, unlocks the account and makes the user change the new password', async () => {
    await seedStaff(ctx.db, org, units.westA.id, 'reset.me', ['claims_adjuster']);
    const token = await loginAs(ctx.app, 'reset.me');
    for (let i = 1; i <= 3; i++) await login('reset.me', `wrong-password-${i}`);
    expectProblem(await login('reset.me', TEST_PASSWORD), 423, 'AUTH_ACCOUNT_LOCKED');

    const res = await ctx.request({ method: 'POST', url: `/api/v1/staff/${(await staffRow('reset.me')).id}/reset-password`, token: adminToken });
    expect(res.statusCode, res.body).toBe(200);
    const { initialPassword } = res.json() as { initialPassword: string };

    expectProblem(await me(token), 401, 'AUTH_SESSION_EXPIRED');
    expect(await staffRow('reset.me')).toMatchObject({ must_change_password: true, failed_login_count: 0, locked_until: null });
    const relogin = await login('reset.me', initialPassword);
    expect(relogin.statusCode, relogin.body).toBe(200);
    const { token: newToken, user } = relogin.json() as TLoginResponse;
    expect(user.mustChangePassword).toBe(true);

    expect((await changePassword(newToken, initialPassword, 'my-own-choice-2026')).statusCode).toBe(204);
    expect((await me(newToken)).json()).toMatchObject({ mustChangePassword: false });
  });
});

describe('password storage', () => {
  it('stores passwords as salted scrypt hashes, never in plain text', async () => {
    const plaintext = 'Plaintext-Check-42';
    const hashes: string[] = [];
    for (const username of ['plain.one', 'plain.two']) {
      const res = await ctx.request({
        method: 'POST',
        url: '/api/v1/staff',
        token: adminToken,
        payload: { username, displayName: username, orgUnitId: units.east.id, roles: ['csr'], initialPassword: plaintext },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect((res.json() as TCreatedStaff).initialPassword).toBe(plaintext);
      const { password_hash } = await staffRow(username);
      expect(password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
      expect(password_hash).not.toContain(plaintext);
      expect(await verifyPassword(plaintext, password_hash)).toBe(true);
      expect(await verifyPassword('Plaintext-Check-43', password_hash)).toBe(false);
      hashes.push(password_hash);
    }
    expect(hashes[0]).not.toBe(hashes[1]); // salted: the same password hashes differently
    const all = await ctx.db.selectFrom('staff').select('password_hash').execute();
    for (const { password_hash } of all) {
      expect(password_hash.startsWith('scrypt$')).toBe(true);
      expect(password_hash).not.toContain(TEST_PASSWORD);
    }
  });
});

describe('login rate limit', () => {
  // A second app over the same database with a low limit; the limit is per app instance and client.
  const appPromise = buildApp({ config: testConfig({ ANXIN_LOGIN_RATE_LIMIT: '3' }), database: ctx.database, webDist: null });
  afterAll(async () => (await appPromise).close());

  it('429 RATE_LIMITED once a client exceeds ANXIN_LOGIN_RATE_LIMIT logins a minute, even with the right password; other clients are unaffected', async () => {
    const app = await appPromise;
    const attempt = (password: string, remoteAddress = '203.0.113.7') =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hq.admin', password }, remoteAddress });
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    expect((await attempt('wrong-password-1')).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    expectProblem(await attempt(TEST_PASSWORD), 429, 'RATE_LIMITED');
    expectProblem(await attempt('wrong-password-2'), 429, 'RATE_LIMITED');
    expect((await attempt(TEST_PASSWORD, '203.0.113.8')).statusCode).toBe(200);
    // Rate-limited attempts never reach the password check, so they do not count towards the lockout.
    expect((await staffRow('hq.admin')).failed_login_count).toBe(0);
  });
});

describe('API keys', () => {
  let created: TCreatedApiKey;

  it('400: a name and at least one known scope are required; an expiry must lie in the future', async () => {
    const post = (payload: object) => ctx.request({ method: 'POST', url: '/api/v1/api-keys', token: adminToken, payload });
    expectProblem(await post({ name: '', scopes: [] }), 400, 'VALIDATION_FAILED', ['body.name', 'body.scopes']);
    expectProblem(await post({ name: 'x', scopes: ['staff:manage'] }), 400, 'VALIDATION_FAILED', ['body.scopes.0']);
    expectProblem(await post({ name: 'x', scopes: ['staff:read'], expiresAt: '2020-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED', ['body.expiresAt']);
  });

  it('201: the secret is shown once, and only its HMAC is stored', async () => {
    const res = await ctx.request({ method: 'POST', url: '/api/v1/api-keys', token: adminToken, payload: { name: 'Call-centre integration', scopes: ['staff:read', 'org:read'] } });
    expect(res.statusCode, res.body).toBe(201);
    created = res.json() as TCreatedApiKey;
    expect(created.secret).toMatch(/^ak_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: 'Call-centre integration', scopes: ['staff:read', 'org:read'], orgUnitId: units.hq.id, createdBy: 'hq.admin', revokedAt: null, lastUsedAt: null });
    expect(created.secret.slice(3, 11)).toBe(created.apiKey.prefix);
    const row = await ctx.db.selectFrom('api_key').selectAll().where('id', '=', created.apiKey.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(12));
  });

  it('works as Authorization: Bearer ak_… and as X-API-Key, and records its use', async () => {
    const bearer = await ctx.request({ method: 'GET', url: '/api/v1/staff', headers: { authorization: `Bearer ${created.secret}` } });
    expect(bearer.statusCode, bearer.body).toBe(200);
    const header = await ctx.request({ method: 'GET', url: '/api/v1/org-units', headers: { 'x-api-key': created.secret } });
    expect(header.statusCode, header.body).toBe(200);
    const row = await ctx.db.selectFrom('api_key').select('last_used_at').where('id', '=', created.apiKey.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('the list never contains a secret', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/v1/api-keys', token: adminToken });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: TApiKey[] }).items;
    expect(items.map((k) => k.id)).toContain(created.apiKey.id);
    for (const item of items) expect(Object.keys(item)).not.toContain('secret');
    expect(res.body).not.toContain(created.secret.slice(12));
  });

  it('revoke: 204, the key then answers 401 API_KEY_INVALID and the list shows it revoked; an unknown key is 404', async () => {
    const res = await ctx.request({ method: 'DELETE', url: `/api/v1/api-keys/${created.apiKey.id}`, token: adminToken });
    expect(res.statusCode, res.body).toBe(204);
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff', headers: { authorization: `Bearer ${created.secret}` } }), 401, 'API_KEY_INVALID');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/staff', headers: { 'x-api-key': created.secret } }), 401, 'API_KEY_INVALID');
    const items = ((await ctx.request({ method: 'GET', url: '/api/v1/api-keys', token: adminToken })).json() as { items: TApiKey[] }).items;
    expect(items.find((k) => k.id === created.apiKey.id)!.revokedAt).not.toBeNull();
    expectProblem(await ctx.request({ method: 'DELETE', url: '/api/v1/api-keys/01960000-0000-7000-8000-000000000000', token: adminToken }), 404, 'NOT_FOUND');
  });

  it('an API key is not a staff session: no /auth/me, no password change', async () => {
    const { secret } = (await ctx.request({ method: 'POST', url: '/api/v1/api-keys', token: adminToken, payload: { name: 'reader', scopes: ['org:read'] } })).json() as TCreatedApiKey;
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': secret } }), 404, 'NOT_FOUND');
    expectProblem(
      await ctx.request({ method: 'POST', url: '/api/v1/auth/password', headers: { 'x-api-key': secret }, payload: { currentPassword: 'x', newPassword: 'brand-new-secret-77' } }),
      403,
      'FORBIDDEN',
    );
  });
});
