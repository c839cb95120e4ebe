import { type TCreateCustomerRequest, type TCreateContactRequest, type TUpdateCustomerRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, rule } from '../../platform/errors.ts';
import { createCustomer, createCustomers, mergeContacts, findCustomerIdByExternalId, findCustomerIdByIdNumber, findCustomerIdsByKeys, getVisibleCustomer, normaliseIdNumber, updateCustomer } from '../customers/index.ts';
import type { ChunkOutcome, ImportRecord, RowHandler, RunCache } from './import-runner.ts';
import { parseChoice, parseImportDate, rowFieldError, toHalfWidth } from './import-values.ts';
import { resolveOrgUnit, resolveStaffId } from './row-lookups.ts';

const KINDS = { person: ['个人', '自然人', 'p', 'individual'], organisation: ['企业', '机构', '团体', '单位', '公司', 'organization', 'org', 'company'] } as const;
const GENDERS = { male: ['男', 'm', '1'], female: ['女', 'f', '2'] } as const;
const STAGES = { prospect: ['潜在客户', '潜在', '准保户', '准客户'], active: ['有效', '在保', '活跃', '有效客户'], lapsed: ['失效', '脱保'], former: ['流失', '前客户', '已流失'] } as const;
const TIERS = { platinum: ['铂金', '白金'], gold: ['黄金', '金'], silver: ['白银', '银'], standard: ['普通', '标准'] } as const;

/** Contacts a row can carry, in the order they are sent (used to map `body.contacts[i]` errors back). */
const CONTACT_FIELDS = [
  ['mobile', 'mobile'],
  ['landline', 'landline'],
  ['email', 'email'],
  ['address', 'address'],
  ['wechatId', 'wechat'],
] as const;

/**
 * A customers row: found by `externalId` (or, without one, by ID number) and updated, else created, through the
 * customers module's services — the same validation as the API (ID checksum, mobile, e-mail, scope).
 */
export const customerRowHandler: RowHandler = {
  kind: 'customers',
  tables: ['customer', 'contact_point'],
  async writeRow(deps, actor, record, cache) {
    const profile = await profileOf(deps, actor, record, cache);
    const { contactFields, contacts } = contactsOf(record);
    try {
      // With an external id, only it identifies the customer (a new id + a known ID number is a duplicate
      // the customers module rejects); without one, the ID number does.
      const existingId = record.externalId
        ? await findCustomerIdByExternalId(deps, record.externalId)
        : record.idNumber && profile.kind !== 'organisation'
          ? await findCustomerIdByIdNumber(deps, record.idNumber)
          : undefined;
      if (existingId) {
        const keyField = record.externalId ? 'externalId' : 'idNumber';
        const current = await getVisibleCustomer(deps, actor, existingId).catch((error: unknown) => {
          // The match lies outside the actor's scope: report it on the key column, as "not found".
          if (error instanceof DomainError && error.code === 'NOT_FOUND') throw rowFieldError(keyField, rule('out_of_scope', `the customer with this ${keyField === 'externalId' ? 'external id' : 'ID number'} is not in your data scope`), 'NOT_FOUND');
          throw error;
        });
        const { kind: _kind, ...changes } = profile;
        const update: TUpdateCustomerRequest = { ...changes, version: current.version };
        await updateCustomer(deps, actor, existingId, update);
        // Contacts in the file that the customer does not have yet are added; known ones are kept.
        await mergeContacts(deps, actor, existingId, contacts);
        return 'updated';
      }
      await createCustomer(deps, actor, { ...profile, ...(contacts.length > 0 ? { contacts } : {}) } as TCreateCustomerRequest);
      return 'created';
    } catch (error) {
      throw remapErrors(error, contactFields);
    }
  },

  /** New customers in bulk (`createCustomers`); rows that match a stored customer, or repeat a key of the chunk, update one by one. */
  async writeChunk(deps, actor, records, cache) {
    const outcomes: ChunkOutcome[] = new Array(records.length);
    const profiles: (TCreateCustomerRequest & { kind: 'person' | 'organisation' })[] = [];
    for (const [i, record] of records.entries()) {
      try {
        profiles[i] = await profileOf(deps, actor, record, cache);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[i] = error;
      }
    }
    // The same look-up as writeRow: by external id, else (persons) by ID number — against the stored
    // customers and those created earlier in this chunk.
    const idNumberOf = (i: number) => (records[i]!.idNumber && profiles[i]!.kind !== 'organisation' ? normaliseIdNumber(records[i]!.idNumber!) : undefined);
    const valid = records.flatMap((_, i) => (outcomes[i] ? [] : [i]));
    const stored = await findCustomerIdsByKeys(deps, {
      externalIds: valid.flatMap((i) => records[i]!.externalId ?? []),
      idNumbers: valid.flatMap((i) => (records[i]!.externalId ? [] : (idNumberOf(i) ?? []))),
    });
    const chunkExternalIds = new Set<string>();
    const chunkIdNumbers = new Set<string>();
    const creating: number[] = [];
    for (const i of valid) {
      const externalId = records[i]!.externalId?.trim();
      const idNumber = idNumberOf(i);
      const matches = externalId ? stored.byExternalId.has(externalId) || chunkExternalIds.has(externalId) : idNumber !== undefined && (stored.byIdNumber.has(idNumber) || chunkIdNumbers.has(idNumber));
      if (matches) outcomes[i] = 'one_by_one';
      else {
        if (externalId) chunkExternalIds.add(externalId);
        if (idNumber) chunkIdNumbers.add(idNumber);
        creating.push(i);
      }
    }
    const created = await createCustomers(
      deps,
      actor,
      creating.map((i) => {
        const { contacts } = contactsOf(records[i]!);
        return { ...profiles[i]!, ...(contacts.length > 0 ? { contacts } : {}) } as TCreateCustomerRequest;
      }),
    );
    created.forEach((outcome, j) => {
      const i = creating[j]!;
      outcomes[i] = outcome instanceof DomainError ? (remapErrors(outcome, contactsOf(records[i]!).contactFields) as DomainError) : 'created';
    });
    return outcomes;
  },
};

/** The contact cells of a row, as create requests, with the fields they came from (for error mapping). */
function contactsOf(record: ImportRecord) {
  const contactFields = CONTACT_FIELDS.filter(([field]) => record[field]);
  const contacts: TCreateContactRequest[] = contactFields.map(([field, channel]) => ({ channel, value: record[field]! }));
  return { contactFields: contactFields.map(([field]) => field), contacts };
}

async function profileOf(deps: ModuleDeps, actor: Actor, record: ImportRecord, cache: RunCache) {
  const problems: DomainError[] = [];
  const attempt = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (error instanceof DomainError) problems.push(error);
      else throw error;
      return undefined;
    }
  };
  const kind = record.kind ? attempt(() => parseChoice('kind', record.kind!, KINDS)) : 'person';
  const profile: Record<string, unknown> = { kind: kind ?? 'person', name: record.name ? toHalfWidth(record.name) : '' };
  if (!record.name) problems.push(rowFieldError('name', rule('required', 'name is required')));
  if (record.gender) profile.gender = attempt(() => parseChoice('gender', record.gender!, GENDERS));
  if (record.birthDate) profile.birthDate = attempt(() => parseImportDate('birthDate', record.birthDate!));
  if (record.idNumber) profile[kind === 'organisation' ? 'unifiedSocialCreditCode' : 'idNumber'] = record.idNumber;
  if (record.occupation) profile.occupation = record.occupation;
  if (record.lifecycleStage) profile.lifecycleStage = attempt(() => parseChoice('lifecycleStage', record.lifecycleStage!, STAGES));
  if (record.tier) profile.tier = attempt(() => parseChoice('tier', record.tier!, TIERS));
  if (record.externalId) profile.externalId = record.externalId;
  const attributes = Object.fromEntries(Object.entries(record).filter(([k]) => k.startsWith('attributes.')).map(([k, v]) => [k.slice('attributes.'.length), v]));
  if (Object.keys(attributes).length > 0) profile.attributes = attributes;
  if (record.orgUnitCode) {
    try {
      profile.orgUnitId = (await resolveOrgUnit(deps, actor, cache, 'orgUnitCode', record.orgUnitCode)).id;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(error);
    }
  }
  if (record.ownerAgentUsername) {
    try {
      profile.ownerAgentId = await resolveStaffId(deps, cache, 'ownerAgentUsername', record.ownerAgentUsername);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) {
    throw new DomainError(problems[0]!.code, problems.map((p) => p.message).join('; '), problems.flatMap((p) => p.errors));
  }
  return profile as TCreateCustomerRequest & { kind: 'person' | 'organisation' };
}

/** Maps the customers service's field paths back to import fields (contacts by position, ids to codes). */
function remapErrors(error: unknown, contactFields: string[]): unknown {
  if (!(error instanceof DomainError)) return error;
  const remap = (field: string) => {
    const path = field.replace(/^body\./, '');
    const contact = /^contacts(?:\[(\d+)\]|\.(\d+))/.exec(path);
    if (contact) return contactFields[Number(contact[1] ?? contact[2])] ?? 'mobile';
    if (path.startsWith('unifiedSocialCreditCode')) return 'idNumber';
    if (path.startsWith('orgUnitId')) return 'orgUnitCode';
    if (path.startsWith('ownerAgentId')) return 'ownerAgentUsername';
    return path;
  };
  return new DomainError(
    error.code,
    error.message,
    error.errors.map((e) => ({ ...e, field: remap(e.field) })),
    error.extra,
  );
}

