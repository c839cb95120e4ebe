import { z } from 'zod';
import { ZDate, ZId, ZInstant, ZPage, ZPageQuery, ZVersion } from './common.ts';

/** Levels of the organisation tree: head office → province branch → city branch → outlet. */
export const ORG_LEVELS = ['hq', 'province', 'city', 'outlet'] as const;
export const ZOrgLevel = z.enum(ORG_LEVELS);
export type TOrgLevel = z.infer<typeof ZOrgLevel>;

/** Staff roles. A staff member may hold several. */
export const ROLES = [
  'admin',
  'agent',
  'csr',
  'underwriter',
  'claims_adjuster',
  'complaint_handler',
  'branch_manager',
  'analyst',
  'compliance_auditor',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

const ZOrgCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, 'code must be 2–32 upper-case letters, digits, "-" or "_"');
const ZName = z.string().trim().min(1, 'name is required').max(100);

/** An org unit as the API shows it. */
export const ZOrgUnit = z
  .object({
    id: ZId,
    parentId: ZId.nullable(),
    level: ZOrgLevel,
    code: z.string(),
    name: z.string(),
    status: z.enum(['active', 'closed']),
    staffCount: z.number().int(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    version: ZVersion,
  })
  .meta({ id: 'OrgUnit' });
export type TOrgUnit = z.infer<typeof ZOrgUnit>;

export const ZOrgUnitList = z.object({ items: z.array(ZOrgUnit) });

/** Create an org unit below `parentId` (the parent's level decides the new unit's level). */
export const ZCreateOrgUnitRequest = z.object({
  parentId: ZId,
  level: ZOrgLevel,
  code: ZOrgCode,
  name: ZName,
});
export type TCreateOrgUnitRequest = z.infer<typeof ZCreateOrgUnitRequest>;

export const ZUpdateOrgUnitRequest = z.object({
  name: ZName.optional(),
  status: z.enum(['active', 'closed']).optional(),
  version: ZVersion,
});
export type TUpdateOrgUnitRequest = z.infer<typeof ZUpdateOrgUnitRequest>;

/** An agent's practising licence (执业证), checked later before a sale. */
export const ZAgentLicence = z
  .object({
    number: z.string().trim().min(4, 'licence number is too short').max(40),
    validFrom: ZDate,
    validTo: ZDate,
  })
  .refine((l) => l.validFrom <= l.validTo, { message: 'validTo must not be before validFrom', path: ['validTo'], params: { rule: 'range_reversed' } });
export type TAgentLicence = z.infer<typeof ZAgentLicence>;

const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,39}$/, 'username must be 3–40 characters: letters, digits, ".", "_" or "-", starting with a letter');
const ZMobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'mobile must be an 11-digit mainland mobile number');

/** A staff account. Contact data is masked unless the caller may see it. */
export const ZStaff = z
  .object({
    id: ZId,
    username: z.string(),
    displayName: z.string(),
    orgUnitId: ZId,
    orgUnitName: z.string(),
    orgUnitLevel: ZOrgLevel,
    roles: z.array(ZRole),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    locked: z.boolean(),
    mustChangePassword: z.boolean(),
    licence: ZAgentLicence.nullable(),
    lastLoginAt: ZInstant.nullable(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
    version: ZVersion,
  })
  .meta({ id: 'Staff' });
export type TStaff = z.infer<typeof ZStaff>;

export const ZStaffList = ZPage(ZStaff);
export type TStaffList = z.infer<typeof ZStaffList>;

export const ZStaffListQuery = ZPageQuery.extend({
  orgUnitId: ZId.optional(),
  /** Include staff of the units below `orgUnitId` (default true). */
  includeDescendants: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  role: ZRole.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type TStaffListQuery = z.infer<typeof ZStaffListQuery>;

/** Create a staff account; the response carries a one-time initial password if none was given. */
export const ZCreateStaffRequest = z.object({
  username: ZUsername,
  displayName: ZName,
  orgUnitId: ZId,
  roles: z.array(ZRole).min(1, 'at least one role is required'),
  email: z.email().optional(),
  mobile: ZMobile.optional(),
  licence: ZAgentLicence.optional(),
  /** Optional initial password; if omitted the server generates one and returns it once. */
  initialPassword: z.string().min(10).max(128).optional(),
});
export type TCreateStaffRequest = z.infer<typeof ZCreateStaffRequest>;

export const ZCreatedStaff = z.object({
  staff: ZStaff,
  /** Present only in this response: the one-time initial password, to hand to the user. */
  initialPassword: z.string(),
});
export type TCreatedStaff = z.infer<typeof ZCreatedStaff>;

export const ZUpdateStaffRequest = z.object({
  displayName: ZName.optional(),
  orgUnitId: ZId.optional(),
  roles: z.array(ZRole).min(1, 'at least one role is required').optional(),
  email: z.email().nullable().optional(),
  mobile: ZMobile.nullable().optional(),
  licence: ZAgentLicence.nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  version: ZVersion,
});
export type TUpdateStaffRequest = z.infer<typeof ZUpdateStaffRequest>;

/** Admin reset of a staff member's password: returns a new one-time password and unlocks the account. */
export const ZResetPasswordResponse = z.object({ initialPassword: z.string() });
