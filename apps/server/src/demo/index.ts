import type { Actor } from '../platform/actor.ts';
import { systemActor } from '../platform/actor.ts';
import type { FieldCipher } from '../platform/crypto/field-encryption.ts';
import { hashPassword } from '../platform/crypto/password.ts';
import { inTransaction, type Db, type Tx } from '../platform/db/database.ts';
import { recordAuditEvent } from '../modules/audit/index.ts';
import { countOrgUnits, createHeadOffice, createOrgUnit, createStaff, findOrgUnitByCode, findStaffCredentialsByUsername } from '../modules/org/index.ts';
import { demoCustomersStep } from './demo-customers.ts';
import { demoPoliciesStep } from './demo-policies.ts';
import { demoClaimsStep, findDemoPortalLogin, type DemoPortalLogin } from './demo-claims.ts';
import { demoComplaintsStep } from './demo-complaints.ts';
import { DocumentStore } from '../modules/claims/index.ts';
import { DEMO_ORG, DEMO_PASSWORD, demoAccounts } from './demo-org.ts';
import { runClusters, runSegmentationAsSystem } from '../modules/segmentation/index.ts';

/**
 * One step of the demo loader. Each module adds its own step (customers, policies, claims, …);
 * steps run in order, each in its own transaction, after the organisation exists.
 */
export interface DemoStep {
  name: string;
  load(tx: Tx, context: DemoContext): Promise<void>;
}

/** What a demo step gets: the system actor (HQ scope) and the field cipher for sensitive data. */
export interface DemoContext {
  system: Actor;
  cipher: FieldCipher;
  /** Org unit ids by code (HQ, ZJ, ZJ-HZ, …) and staff ids by username (hz.agent, …). */
  unitIds: ReadonlyMap<string, string>;
  staffIds: ReadonlyMap<string, string>;
  /** Where demo claim documents are written (the server's upload directory). */
  documents: DocumentStore;
}

/** The loader's steps; later modules append theirs. */
export const DEMO_STEPS: DemoStep[] = [demoCustomersStep, demoPoliciesStep, demoClaimsStep, demoComplaintsStep];

export type DemoResult =
  | { status: 'loaded' | 'already-loaded'; password: string; accounts: ReturnType<typeof demoAccounts>; portal: DemoPortalLogin | null }
  | { status: 'refused'; reason: string };

/**
 * Loads the demo insurer into an empty database. A database that already holds the demo is left
 * as is; one that holds a real organisation is never touched.
 */
export async function loadDemo(db: Db, cipher: FieldCipher, uploadDir: string): Promise<DemoResult> {
  const accounts = demoAccounts();
  if ((await countOrgUnits(db)) > 0) {
    const isDemo = (await findOrgUnitByCode(db, 'ZJ-HZ')) && (await findStaffCredentialsByUsername(db, 'hz.agent'));
    return isDemo
      ? { status: 'already-loaded', password: DEMO_PASSWORD, accounts, portal: await findDemoPortalLogin(db, cipher) }
      : { status: 'refused', reason: 'the database already holds an organisation that is not the demo; use an empty ANXIN_DATA_DIR or database for the demo' };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(db, async (tx) => {
    const hq = await createHeadOffice(tx, DEMO_ORG.code, DEMO_ORG.name);
    const hqId = hq.id;
    const system = systemActor(hq);
    const unitIds = new Map<string, string>([[DEMO_ORG.code, hqId]]);
    for (const p of DEMO_ORG.provinces) {
      const province = await createOrgUnit(tx, system, { parentId: hqId, level: 'province', code: p.code, name: p.name });
      unitIds.set(p.code, province.id);
      for (const c of p.cities) {
        const city = await createOrgUnit(tx, system, { parentId: province.id, level: 'city', code: c.code, name: c.name });
        unitIds.set(c.code, city.id);
      }
    }
    let licenceSeq = 1000;
    const staffIds = new Map<string, string>();
    for (const account of accounts) {
      const { row } = await createStaff(tx, system, {
        username: account.username,
        displayName: account.displayName,
        orgUnitId: unitIds.get(account.unitCode)!,
        roles: [account.role],
        initialPassword: DEMO_PASSWORD,
        ...(account.role === 'agent' ? { licence: { number: `0201${String(++licenceSeq).padStart(14, '0')}`, validFrom: '2024-01-01', validTo: '2029-12-31' } } : {}),
      }, { mustChangePassword: false, passwordHash }); // demo accounts log straight in with the published password
      staffIds.set(account.username, row.id);
    }
    await recordAuditEvent(tx, system, { action: 'system.bootstrapped', entityType: 'org_unit', entityId: hqId, data: { demo: true, staff: accounts.length } });
    const documents = new DocumentStore(uploadDir);
    for (const step of DEMO_STEPS) await step.load(tx, { system, cipher, unitIds, staffIds, documents });
  });
  return { status: 'loaded', password: DEMO_PASSWORD, accounts, portal: await findDemoPortalLogin(db, cipher) };
}

/**
 * After the demo's automation has caught up: the segmentation batch and a first clustering, so the
 * insights pages (segments, tags, tiers, clusters, risk alerts) show the demo book at once.
 */
export async function analyseDemoBook(db: Db, cipher: FieldCipher) {
  const hq = await findOrgUnitByCode(db, DEMO_ORG.code);
  if (!hq) return;
  const system = systemActor(hq);
  await runSegmentationAsSystem(db, new Date(), 'demo-load');
  await runClusters({ db, cipher }, system, { kMin: 3, kMax: 7 });
  // The clusters changed: assign them, and re-run so cluster fields and tags agree.
  await runSegmentationAsSystem(db, new Date(), 'demo-load');
}
