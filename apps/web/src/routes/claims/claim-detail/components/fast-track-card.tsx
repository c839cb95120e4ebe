import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { TFastTrackDecision } from '@anxin/contracts';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useClaimLabels } from '../../components/claim-labels.ts';

/** Why the claim did or did not go through the fast track (快赔): every rule checked, passed or failed, with its detail. */
export function FastTrackCard({ decision, documentName }: { decision: TFastTrackDecision | null; documentName?: (code: string) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const claimLabels = useClaimLabels();
  if (!decision) return null;
  return (
    <Card
      size="small"
      title={t('claims.fastTrack.title')}
      extra={
        <Tag color={decision.eligible ? 'green' : 'default'} style={{ marginInlineEnd: 0 }} data-testid="claim-fast-track-eligible" data-value={String(decision.eligible)}>
          {decision.eligible ? t('claims.fastTrack.eligible') : t('claims.fastTrack.notEligible')}
        </Tag>
      }
      data-testid="claim-fast-track"
    >
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
        {t('claims.fastTrack.decidedAt', { at: format.dateTime(decision.decidedAt) })}
      </Typography.Text>
      <Flex vertical gap={8}>
        {decision.trace.map((r) => (
          <Flex key={r.rule} gap={8} align="flex-start" data-testid={`claim-fast-track-rule-${r.rule}`} data-passed={String(r.passed)}>
            {r.passed ? (
              <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} aria-label={t('claims.fastTrack.passed')} />
            ) : (
              <CloseCircleFilled style={{ color: '#ff4d4f', marginTop: 4 }} aria-label={t('claims.fastTrack.failed')} />
            )}
            <div>
              <Typography.Text strong={!r.passed}>{claimLabels.rule(r.rule)}</Typography.Text>
              {r.detail && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {claimLabels.ruleDetail(r, documentName)}
                </Typography.Text>
              )}
            </div>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
