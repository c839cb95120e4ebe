import type { TClaimSummary } from '@anxin/contracts';
import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

type Flags = Pick<TClaimSummary, 'id' | 'greenChannel' | 'multiClaim' | 'fraudSuspected' | 'fastTrack'>;

/** The flags a handler must notice at once: green channel, repeat claimant, suspected fraud, fast track. */
export function ClaimBadges({ claim }: { claim: Flags }) {
  const { t } = useTranslation();
  const badges = [
    claim.greenChannel && { key: 'green-channel', color: 'green', label: t('claims.badges.greenChannel'), hint: t('claims.badges.greenChannelHint') },
    claim.multiClaim && { key: 'multi-claim', color: 'orange', label: t('claims.badges.multiClaim'), hint: t('claims.badges.multiClaimHint') },
    claim.fraudSuspected && { key: 'fraud', color: 'red', label: t('claims.badges.fraud'), hint: t('claims.badges.fraudHint') },
    claim.fastTrack && { key: 'fast-track', color: 'blue', label: t('claims.badges.fastTrack'), hint: t('claims.badges.fastTrackHint') },
  ].filter((b) => b !== false);
  if (badges.length === 0) return null;
  return (
    <Flex gap={4} wrap>
      {badges.map((b) => (
        <Tooltip key={b.key} title={b.hint}>
          <Tag color={b.color} style={{ marginInlineEnd: 0 }} data-testid={`claim-badge-${b.key}-${claim.id}`}>
            {b.label}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
