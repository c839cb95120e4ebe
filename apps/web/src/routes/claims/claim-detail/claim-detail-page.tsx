import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useClaim } from '../../../api/claims.ts';
import { ClaimStatusTag } from '../../../components/claim-status-tag.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { ClaimBadges } from '../components/claim-badges.tsx';
import { AdjustmentCard } from './components/adjustment-card.tsx';
import { ChecklistCard } from './components/checklist-card.tsx';
import { ClaimActions } from './components/claim-actions.tsx';
import { ClaimSummaryCard } from './components/claim-summary-card.tsx';
import { ClocksCard } from './components/clocks-card.tsx';
import { FastTrackCard } from './components/fast-track-card.tsx';
import { PaymentsCard } from './components/payments-card.tsx';
import { ProgressCard } from './components/progress-card.tsx';
import { TimelineCard } from './components/timeline-card.tsx';

/**
 * One claim: status and flags, the workflow actions the server offers, the facts, documents,
 * adjustment and payments; beside them the statutory clocks, the fast-track decision, the
 * customer's view of progress and the timeline.
 */
export function ClaimDetailPage() {
  const { claimId } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const claim = useClaim(claimId);

  if (claim.isPending) return <Skeleton active data-testid="claim-detail-loading" />;
  if (claim.isError)
    return (
      <div data-testid="claim-detail-page">
        <PageHeader title={t('claims.detail.title')} />
        <ProblemAlert error={claim.error} testId="claim-detail-error" />
      </div>
    );
  const c = claim.data;
  const documentName = (code: string) => c.checklist.find((d) => d.code === code)?.name ?? code;

  return (
    <div data-testid="claim-detail-page" data-claim-id={c.id} data-status={c.status} data-version={c.version}>
      <PageHeader
        title={t('claims.detail.titleOf', { claimNo: c.claimNo })}
        description={
          <Flex gap={8} align="center" wrap component="span">
            <ClaimStatusTag status={c.status} testId="claim-header-status" />
            <span>{`${c.insuredName} · ${labels.productLine(c.line)} · ${c.policyNo}`}</span>
            <ClaimBadges claim={c} />
          </Flex>
        }
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void claim.refetch()} loading={claim.isFetching} aria-label={t('common.refresh')} data-testid="claim-refresh" />
            <ClaimActions claim={c} />
          </>
        }
      />
      {c.waitingPeriod?.incidentWithin && !['denied', 'withdrawn', 'closed'].includes(c.status) && (
        // A loss inside the product's waiting period is usually not covered: say so before anyone pays it.
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('claims.detail.inWaitingPeriod', { days: c.waitingPeriod.days, date: c.waitingPeriod.endsOn })} data-testid="claim-waiting-period" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <ClaimSummaryCard claim={c} />
            <ChecklistCard claim={c} />
            <AdjustmentCard claim={c} />
            <PaymentsCard claim={c} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <ClocksCard clocks={c.clocks} />
            <FastTrackCard decision={c.fastTrackDecision} documentName={documentName} />
            <ProgressCard claimId={c.id} />
            <TimelineCard events={c.events} documentName={documentName} />
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
