import type { TBlacklistEntry } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import type { TBlacklistReason } from '../../../../api/blacklist.ts';

export const BLACKLIST_STATUS_COLORS = { pending: 'gold', active: 'red', rejected: 'default', lifted: 'green' } as const;

/** Names of the blacklist enumerations. */
export function useBlacklistLabels() {
  const { t } = useTranslation();
  return {
    reason: (reason: TBlacklistReason) => t(`blacklist.reasons.${reason}`),
    status: (status: TBlacklistEntry['status']) => t(`blacklist.statuses.${status}`),
  };
}
