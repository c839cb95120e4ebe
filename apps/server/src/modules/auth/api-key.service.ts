import { randomBytes } from 'node:crypto';
import type { TCreateApiKeyRequest } from '@anxin/contracts';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import { fieldError, forbidden, notFound, rule } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { findOrgUnitById } from '../org/index.ts';
import { findApiKeyById, insertApiKey, listApiKeysInSubtree, revokeApiKey as revokeApiKeyRow } from './api-key.repository.ts';

const PREFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const canManageApiKeys = (actor: Actor) => actor.kind === 'staff' && hasPermission(actor, 'api_key:manage');

/** API keys of the actor's subtree (without secrets). */
export async function listApiKeys(db: Executor, actor: Actor) {
  if (!canManageApiKeys(actor)) throw forbidden('Only administrators manage API keys');
  return listApiKeysInSubtree(db, actor.orgPath);
}

/**
 * Issues a key for a system integration. The full secret is returned once and only its HMAC is
 * kept. A key reaches the data of its org unit's subtree, with exactly its scopes.
 */
export async function createApiKey(db: Executor, actor: Actor, input: TCreateApiKeyRequest, sessionSecret: Buffer) {
  if (!canManageApiKeys(actor)) throw forbidden('Only administrators manage API keys');
  if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) throw fieldError('body.expiresAt', rule('not_in_future', 'must be in the future'));
  return inTransaction(db, async (tx) => {
    const orgUnitId = input.orgUnitId ?? actor.orgUnitId;
    const unit = await findOrgUnitById(tx, orgUnitId);
    if (!unit || !unit.path.startsWith(actor.orgPath)) throw fieldError('body.orgUnitId', rule('not_found', 'org unit not found'), 'NOT_FOUND');
    const prefix = Array.from(randomBytes(8), (b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
    const secret = `ak_${prefix}_${generateToken(32)}`;
    const id = newId();
    await insertApiKey(tx, {
      id,
      name: input.name,
      prefix,
      secret_hash: hashToken(secret, sessionSecret),
      scopes: [...new Set(input.scopes)],
      org_unit_id: unit.id,
      created_by: actor.id,
      expires_at: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    await recordAuditEvent(tx, actor, { action: 'api_key.created', entityType: 'api_key', entityId: id, data: { name: input.name, scopes: input.scopes, prefix } });
    return { row: (await findApiKeyById(tx, id))!, secret };
  });
}

/** Revokes a key at once; requests with it fail from then on. */
export async function revokeApiKey(db: Executor, actor: Actor, id: string) {
  if (!canManageApiKeys(actor)) throw forbidden('Only administrators manage API keys');
  await inTransaction(db, async (tx) => {
    const key = await findApiKeyById(tx, id);
    if (!key || !key.org_path.startsWith(actor.orgPath)) throw notFound('API key');
    await revokeApiKeyRow(tx, id);
    await recordAuditEvent(tx, actor, { action: 'api_key.revoked', entityType: 'api_key', entityId: id, data: { prefix: key.prefix } });
  });
}
