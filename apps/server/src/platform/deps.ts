import type { FieldCipher } from './crypto/field-encryption.ts';
import type { Executor } from './db/database.ts';

/**
 * What module services need from the platform besides the actor: the database (or an open
 * transaction) and the field cipher for sensitive personal data. Built once in the composition
 * root (app.ts / main.ts) and passed down; never imported as a global.
 */
export interface ModuleDeps {
  db: Executor;
  cipher: FieldCipher;
}
