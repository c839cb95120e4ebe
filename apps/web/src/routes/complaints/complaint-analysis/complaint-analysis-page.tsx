import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { TComplaintAnalysis, TComplaintCategory, TComplaintChannel } from '@anxin/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.ts';
import { apiDownload, apiFetch } from '../../../api/client.ts';
import { OrgUnitTreeSelect } from '../../../components/org-unit-tree-select.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { can } from '../../../permissions.ts';
import { useComplaintLabels } from '../components/complaint-labels.ts';
import { CreateCorrectiveActionModal } from '../corrective-actions/corrective-action-dialogs.tsx';
import { DateInput } from '../../../components/date-input.tsx';

type Count = TComplaintAnalysis['byCategory'][number];

/** The previous calendar month in Shanghai, as YYYY-MM. */
function lastMonth(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** A horizontal bar chart of counts, this month against the previous one (plain HTML, prints well). */
function Bars({ title, items, label, testId, compare = true }: { title: string; items: Count[]; label: (c: Count) => string; testId: string; compare?: boolean }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...items.map((i) => Math.max(i.count, i.previous)));
  return (
    <Card size="small" title={title} data-testid={testId}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={6}>
          {items.map((i) => (
            <div key={i.key} data-key={i.key} data-count={i.count}>
              <Flex justify="space-between" style={{ fontSize: 13 }}>
                <span>{label(i)}</span>
                <span>
                  {i.count}
                  {compare && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{` (${t('complaints.analysis.previousShort')} ${i.previous})`}</Typography.Text>}
                </span>
              </Flex>
              <div style={{ background: '#f0f0f0', height: 8, borderRadius: 4 }}>
                <div style={{ width: `${(i.count / max) * 100}%`, background: '#1668dc', height: 8, borderRadius: 4 }} />
              </div>
              {compare && <div style={{ width: `${(i.previous / max) * 100}%`, background: '#bfbfbf', height: 3, borderRadius: 2, marginTop: 2 }} />}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Monthly complaint analysis (客户投诉分析表): figures, charts, XLSX and a printable page. */
export function ComplaintAnalysisPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useComplaintLabels();
  const [month, setMonth] = useState(lastMonth);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [creatingAction, setCreatingAction] = useState(false);
  const me = useCurrentUser();
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const analysis = useQuery({
    queryKey: ['complaints', 'analysis', month, unitId],
    queryFn: ({ signal }) => apiFetch<TComplaintAnalysis>('/complaints/analysis', { signal, query: { month, unitId } }),
    enabled: valid,
  });
  const a = analysis.data;
  return (
    <div data-testid="complaint-analysis-page">
      <PageHeader
        title={t('complaints.analysis.title')}
        description={t('complaints.analysis.description')}
        extra={
          <>
            {can(me, 'complaint:handle') && (
              <Button onClick={() => setCreatingAction(true)} disabled={!a}>
                {t('correctiveActions.create')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!a}>
              {t('complaints.analysis.print')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              disabled={!a}
              onClick={() => void apiDownload('/complaints/analysis.xlsx', { query: { month, unitId }, fallbackName: `complaint-analysis-${month}.xlsx` })}
              data-testid="complaint-analysis-xlsx"
            >
              XLSX
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} className="no-print">
        <DateInput picker="month" value={month} onChange={(v) => setMonth(v ?? '')} allowClear={false} style={{ width: 170 }} status={valid ? undefined : 'error'} testId="complaint-analysis-month" />
        <OrgUnitTreeSelect allowClear placeholder={t('complaints.analysis.unitDefault')} value={unitId} onChange={setUnitId} style={{ width: 260 }} />
      </Flex>
      {analysis.isError && <ProblemAlert error={analysis.error} />}
      {analysis.isPending && valid && <Skeleton active />}
      {creatingAction && a && <CreateCorrectiveActionModal analysisMonth={a.month} defaultUnitId={a.unit.id} onClose={() => setCreatingAction(false)} />}
      {a && (
        <Flex vertical gap={16}>
          <Card size="small">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('complaints.analysis.heading', { unit: a.unit.name, month: format.month(a.month) })}
            </Typography.Title>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={4}>
                <Statistic title={t('complaints.analysis.total')} value={a.total} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('complaints.analysis.vsPrevious', { n: a.previousTotal })}</Typography.Text>} data-testid="complaint-analysis-total" />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('complaints.analysis.rate')} value={a.ratePer10k ?? '—'} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('complaints.analysis.compliance')} value={a.clock.complianceRate ?? '—'} suffix={a.clock.complianceRate === null ? undefined : '%'} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('complaints.analysis.late')} value={a.clock.breached} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('complaints.analysis.regulator')} value={a.regulatorTransferred} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('complaints.analysis.collective')} value={a.collective} />
              </Col>
            </Row>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12} xl={8}>
              <Bars title={t('complaints.category')} items={a.byCategory} label={(c) => labels.category(c.key as TComplaintCategory)} testId="analysis-category" />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Bars title={t('complaints.channel')} items={a.byChannel} label={(c) => labels.channel(c.key as TComplaintChannel)} testId="analysis-channel" />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Bars title={t('complaints.analysis.branch')} items={a.byBranch} label={(c) => c.label ?? c.key} testId="analysis-branch" />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Bars title={t('complaints.analysis.product')} items={a.byProduct} label={(c) => (c.key === 'none' ? t('complaints.analysis.noPolicy') : (c.label ?? c.key))} testId="analysis-product" />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Bars title={t('complaints.analysis.staff')} items={a.byStaff} label={(c) => (c.key === 'none' ? t('complaints.analysis.noStaff') : (c.label ?? c.key))} testId="analysis-staff" />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Bars title={t('complaints.analysis.handlingDays')} items={a.handlingDays.map((h) => ({ key: h.bucket, label: null, count: h.count, previous: 0 }))} label={(c) => (c.key === 'open' ? t('complaints.analysis.open') : t('complaints.analysis.days', { range: c.key }))} testId="analysis-days" compare={false} />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Card size="small" title={t('complaints.analysis.rootCauses')}>
                <Table size="small" rowKey="cause" pagination={false} dataSource={a.rootCauses} columns={[{ title: t('complaints.fields.rootCause'), dataIndex: 'cause' }, { title: t('complaints.analysis.count'), dataIndex: 'count', width: 90 }]} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('complaints.analysis.repeat')}>
                <Table size="small" rowKey="customerId" pagination={false} dataSource={a.repeatComplainants} columns={[{ title: t('complaints.customer'), dataIndex: 'name' }, { title: t('complaints.analysis.in12Months'), dataIndex: 'count', width: 140 }]} />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
    </div>
  );
}
