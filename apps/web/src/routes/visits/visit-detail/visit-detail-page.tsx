import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useVisit } from '../../../api/visits.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useServiceLabels } from '../../../components/service-labels.ts';
import { can } from '../../../permissions.ts';
import { AttemptLogCard } from './components/attempt-log-card.tsx';
import { VisitAnswersCard } from './components/visit-answers-card.tsx';
import { VisitOutcomeForm } from './components/visit-outcome-form.tsx';
import { VisitSummaryCard } from './components/visit-summary-card.tsx';

/** One follow-up visit: method and why, the attempts so far, and the script to record the next attempt. */
export function VisitDetailPage() {
  const { visitId } = useParams();
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const me = useCurrentUser();
  const visit = useVisit(visitId);

  const back = (
    <Link to="/visits">
      <Button icon={<ArrowLeftOutlined />} data-testid="visit-back">
        {t('visits.detail.back')}
      </Button>
    </Link>
  );

  if (visit.isPending) return <Skeleton active data-testid="visit-loading" />;
  if (visit.isError)
    return (
      <div data-testid="visit-detail-page">
        <PageHeader title={t('visits.title')} extra={back} />
        <ProblemAlert error={visit.error} testId="visit-error" />
      </div>
    );

  const v = visit.data;
  const open = v.status === 'scheduled';
  return (
    <div data-testid="visit-detail-page" data-visit-id={v.id} data-status={v.status}>
      <PageHeader title={t('visits.detail.titleOf', { type: labels.visitType(v.visitType), name: v.customer.name })} extra={back} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <VisitSummaryCard visit={v} />
            {open && can(me, 'service:work') && <VisitOutcomeForm visit={v} />}
            {!open && <VisitAnswersCard visit={v} />}
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <AttemptLogCard visit={v} />
        </Col>
      </Row>
    </div>
  );
}
