import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import { generatePassword, hashPassword } from '../../platform/crypto/password.ts';
import { inTransaction, type Db, type Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { countOrgUnits, findOrgUnitByCode, findRootOrgUnit, insertOrgUnit } from './org-unit.repository.ts';
import { insertStaff } from './staff.repository.ts';

export const HQ_CODE = 'HQ';

/** The head office as the system actor sees it (for jobs, loaders and bootstrap). */
export async function getSystemActor(db: Db | Tx): Promise<Actor | undefined> {
  const root = await findRootOrgUnit(db);
  return root ? systemActor(root) : undefined;
}

/** The root of the organisation tree; there is exactly one. */
export async function createHeadOffice(tx: Tx, code: string, name: string) {
  const id = newId();
  return insertOrgUnit(tx, { id, parent_id: null, level: 'hq', code, name, path: `/${id}/` });
}

/**
 * On the first start of an empty database: creates the head office and one administrator.
 * The password is ANXIN_ADMIN_PASSWORD if given, otherwise a one-time password to change at login.
 * @returns the credentials to print, or undefined when the database already had an organisation.
 */
export async function ensureFirstAdministrator(db: Db, options: { password?: string; hqName?: string }) {
  if ((await countOrgUnits(db)) > 0) return undefined;
  const password = options.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    if (await findOrgUnitByCode(tx, HQ_CODE)) return undefined; // another process won the race
    const hq = await createHeadOffice(tx, HQ_CODE, options.hqName ?? '总公司');
    const hqId = hq.id;
    const adminId = newId();
    await insertStaff(tx, {
      id: adminId,
      org_unit_id: hqId,
      username: 'admin',
      display_name: '系统管理员',
      email: null,
      mobile: null,
      roles: ['admin'],
      password_hash: passwordHash,
      must_change_password: !options.password,
      licence_no: null,
      licence_valid_from: null,
      licence_valid_to: null,
    });
    await recordAuditEvent(tx, systemActor(hq), { action: 'system.bootstrapped', entityType: 'staff', entityId: adminId, data: { username: 'admin', hqId } });
    return { username: 'admin', password, generated: !options.password };
  });
}
