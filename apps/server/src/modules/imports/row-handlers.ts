import type { TImportKind } from '@anxin/contracts';
import { customerRowHandler } from './customer-row.ts';
import type { RowHandler } from './import-runner.ts';
import { policyRowHandler } from './policy-row.ts';
import { relationshipRowHandler } from './relationship-row.ts';

/** The row handler of each import kind. */
export const ROW_HANDLERS: Record<TImportKind, RowHandler> = {
  customers: customerRowHandler,
  relationships: relationshipRowHandler,
  policies: policyRowHandler,
};
