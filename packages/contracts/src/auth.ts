import { z } from 'zod';
import { ZId, ZInstant } from './common.ts';
import { ZOrgLevel, ZRole } from './org.ts';

/** Log in with username and password. */
export const ZLoginRequest = z.object({
  username: z.string().trim().toLowerCase().min(1, 'username is required').max(40),
  password: z.string().min(1, 'password is required').max(128),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** Everything the console needs to know about the signed-in user. */
export const ZMe = z
  .object({
    id: ZId,
    username: z.string(),
    displayName: z.string(),
    roles: z.array(ZRole),
    permissions: z.array(z.string()),
    orgUnitId: ZId,
    orgUnitName: z.string(),
    orgUnitLevel: ZOrgLevel,
    mustChangePassword: z.boolean(),
    locale: z.enum(['zh-CN', 'en-US']),
  })
  .meta({ id: 'Me' });
export type TMe = z.infer<typeof ZMe>;

/** Login result: the bearer token for API clients (the console uses the httpOnly cookie instead). */
export const ZLoginResponse = z.object({
  token: z.string(),
  expiresAt: ZInstant,
  user: ZMe,
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, 'current password is required'),
  newPassword: z.string().max(128),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZUpdateProfileRequest = z.object({ locale: z.enum(['zh-CN', 'en-US']) });

/** Scopes an API key may carry; each grants the same-named permission. */
export const API_KEY_SCOPES = ['org:read', 'staff:read', 'audit:read', 'claim:report'] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

/** An API key for a system integration. The secret is never shown again after creation. */
export const ZApiKey = z
  .object({
    id: ZId,
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(ZApiKeyScope),
    orgUnitId: ZId,
    createdBy: z.string(),
    createdAt: ZInstant,
    expiresAt: ZInstant.nullable(),
    lastUsedAt: ZInstant.nullable(),
    revokedAt: ZInstant.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZCreateApiKeyRequest = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  scopes: z.array(ZApiKeyScope).min(1, 'at least one scope is required'),
  /** Org unit whose data the key may reach; defaults to the creator's unit. */
  orgUnitId: ZId.optional(),
  expiresAt: ZInstant.optional(),
});
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequest>;

export const ZCreatedApiKey = z.object({
  apiKey: ZApiKey,
  /** The full secret, shown once: `ak_<prefix>_<secret>`. */
  secret: z.string(),
});
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

/** Looking up colleagues to pick one (an assignee, an owner agent): active staff of the caller's subtree, names only. */
export const ZColleagueQuery = z.object({
  /** Part of the name or username. */
  q: z.string().trim().max(50).optional(),
  /** Only staff holding this role. */
  role: ZRole.optional(),
  /** Only staff whose roles grant this permission (e.g. `risk_alert:work`, `service:work`). */
  permission: z.string().regex(/^[a-z_]+:[a-z_]+$/).optional(),
  /** Only staff of this unit and the units below it. */
  underUnitId: ZId.optional(),
  /** Just this colleague (to show a chosen one by name). */
  id: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type TColleagueQuery = z.infer<typeof ZColleagueQuery>;

export const ZColleague = z
  .object({ id: ZId, displayName: z.string(), username: z.string(), unitName: z.string(), active: z.boolean() })
  .meta({ id: 'Colleague' });
export type TColleague = z.infer<typeof ZColleague>;
export const ZColleagueList = z.object({ items: z.array(ZColleague) });
export type TColleagueList = z.infer<typeof ZColleagueList>;
