import type { TApiKeyScope, TAuditAction, TOrgLevel, TRole } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

const KNOWN_ENTITY_TYPES = ['staff', 'org_unit', 'api_key', 'audit_event'] as const;
type KnownEntityType = (typeof KNOWN_ENTITY_TYPES)[number];
const isKnownEntityType = (value: string): value is KnownEntityType => (KNOWN_ENTITY_TYPES as readonly string[]).includes(value);

/** Translated names of the API's enumerations (roles, levels, actions, …) and of errors. */
export function useLabels() {
  const { t } = useTranslation();
  return {
    role: (role: TRole) => t(`roles.${role}`),
    orgLevel: (level: TOrgLevel) => t(`orgLevels.${level}`),
    orgStatus: (status: 'active' | 'closed') => t(`orgStatus.${status}`),
    staffStatus: (status: 'active' | 'disabled') => t(`staffStatus.${status}`),
    apiKeyScope: (scope: TApiKeyScope) => t(`apiKeyScopes.${scope}`),
    auditAction: (action: TAuditAction) => t(`auditActions.${action}`),
    /** Entity types are open-ended (later modules add theirs): unknown ones show as they are. */
    entityType: (type: string) => (isKnownEntityType(type) ? t(`entityTypes.${type}`) : type),
    knownEntityTypes: KNOWN_ENTITY_TYPES,
    /** A one-line, translated statement of what went wrong. */
    problemTitle: (error: unknown) => {
      if (isApiError(error)) return t(`errors.${error.code}`);
      return error instanceof Error && error.message ? error.message : t('errors.INTERNAL');
    },
  };
}
