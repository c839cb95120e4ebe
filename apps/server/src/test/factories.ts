import type { TOrgLevel, TRole } from '@anxin/contracts';
import type { FastifyInstance } from 'fastify';
import { systemActor, type Actor } from '../platform/actor.ts';
import { hashPassword } from '../platform/crypto/password.ts';
import type { Db } from '../platform/db/database.ts';
import { createHeadOffice, createOrgUnit, createStaff } from '../modules/org/index.ts';
import { actorFromStaff } from '../modules/auth/index.ts';
import { findStaffById } from '../modules/org/index.ts';

export const TEST_PASSWORD = 'test-password-2026';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export interface TestOrg {
  system: Actor;
  units: Record<'hq' | 'east' | 'west' | 'eastA' | 'eastB' | 'westA', { id: string; code: string; level: TOrgLevel }>;
}

/**
 * A small company: HQ; provinces EAST and WEST; cities EAST-A, EAST-B under EAST and WEST-A
 * under WEST. Built through the services, as a user would.
 */
export async function seedOrg(db: Db): Promise<TestOrg> {
  const hq = await db.transaction().execute((tx) => createHeadOffice(tx, 'HQ', 'Head office'));
  const system = systemActor(hq);
  const east = await createOrgUnit(db, system, { parentId: hq.id, level: 'province', code: 'EAST', name: 'East province' });
  const west = await createOrgUnit(db, system, { parentId: hq.id, level: 'province', code: 'WEST', name: 'West province' });
  const eastA = await createOrgUnit(db, system, { parentId: east.id, level: 'city', code: 'EAST-A', name: 'East city A' });
  const eastB = await createOrgUnit(db, system, { parentId: east.id, level: 'city', code: 'EAST-B', name: 'East city B' });
  const westA = await createOrgUnit(db, system, { parentId: west.id, level: 'city', code: 'WEST-A', name: 'West city A' });
  const pick = (u: { id: string; code: string; level: TOrgLevel }) => ({ id: u.id, code: u.code, level: u.level });
  return { system, units: { hq: pick(hq), east: pick(east), west: pick(west), eastA: pick(eastA), eastB: pick(eastB), westA: pick(westA) } };
}

/** Creates a staff member who can log in with TEST_PASSWORD; returns the staff row and its actor. */
export async function seedStaff(db: Db, org: TestOrg, unitId: string, username: string, roles: TRole[], extra: { mobile?: string; email?: string } = {}) {
  const { row } = await createStaff(
    db,
    org.system,
    {
      username,
      displayName: username,
      orgUnitId: unitId,
      roles,
      initialPassword: TEST_PASSWORD,
      ...extra,
      ...(roles.includes('agent') ? { licence: { number: `LIC-${username}`, validFrom: '2025-01-01', validTo: '2030-12-31' } } : {}),
    },
    { mustChangePassword: false, passwordHash: await passwordHash() },
  );
  const staff = (await findStaffById(db, row.id))!;
  return { staff, actor: actorFromStaff(staff) };
}

/** Logs in through the real route and returns the bearer token. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}
