import { InfoCircleOutlined } from '@ant-design/icons';
import { SATISFACTION_GROUPS, SURVEY_CONTEXTS, type TSatisfactionFigures, type TSatisfactionQuery } from '@anxin/contracts';
import { Card, Col, DatePicker, Flex, Row, Select, Skeleton, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSatisfaction } from '../../../../api/surveys.ts';
import { OrgUnitTreeSelect } from '../../../../components/org-unit-tree-select.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { addDays, shanghaiToday, useFormat } from '../../../../format.ts';
import { NpsChart } from './nps-chart.tsx';

type GroupBy = TSatisfactionQuery['groupBy'];
const isSurveyContext = (key: string): key is (typeof SURVEY_CONTEXTS)[number] => (SURVEY_CONTEXTS as readonly string[]).includes(key);

/** NPS and CSAT over a period (default: the last 90 days), grouped, with a chart of NPS per group. */
export function SatisfactionResults() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const format = useFormat();
  const [period, setPeriod] = useState(() => ({ from: addDays(shanghaiToday(), -89), to: shanghaiToday() }));
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const [unitId, setUnitId] = useState<string | undefined>();
  const report = useSatisfaction({ ...period, groupBy, unitId });
  const r = report.data;

  const labelOf = (g: TSatisfactionFigures) => (groupBy === 'context' && isSurveyContext(g.key) ? labels.surveyContext(g.key) : g.label || g.key);
  const pct = (value: number | null) => format.percent(value === null ? null : value / 100);
  const columns: TableColumnsType<TSatisfactionFigures> = [
    { title: t('surveys.results.group'), key: 'group', render: (_, g) => labelOf(g) },
    { title: t('surveys.results.responses'), dataIndex: 'responses', align: 'right', render: (n: number) => format.number(n) },
    { title: t('surveys.results.nps'), dataIndex: 'nps', align: 'right', render: (n: number | null, g) => <span data-testid={`survey-group-nps-${g.key}`}>{format.number(n)}</span> },
    { title: t('surveys.results.promoters'), dataIndex: 'promoters', align: 'right', render: (n: number) => format.number(n) },
    { title: t('surveys.results.passives'), dataIndex: 'passives', align: 'right', render: (n: number) => format.number(n) },
    { title: t('surveys.results.detractors'), dataIndex: 'detractors', align: 'right', render: (n: number) => format.number(n) },
    { title: t('surveys.results.csatAverage'), dataIndex: 'csatAverage', align: 'right', render: (n: number | null) => format.number(n) },
    { title: t('surveys.results.satisfied'), dataIndex: 'csatSatisfiedPct', align: 'right', render: (n: number | null) => pct(n) },
  ];

  return (
    <Flex vertical gap={16} data-testid="survey-results">
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(period.from), dayjs(period.to)]}
          onChange={(range) => {
            const [from, to] = range ?? [];
            if (from && to) setPeriod({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
          }}
          aria-label={t('surveys.results.period')}
          data-testid="survey-results-range"
        />
        <Select<GroupBy>
          value={groupBy}
          onChange={setGroupBy}
          options={SATISFACTION_GROUPS.map((g) => ({ value: g, label: t(`serviceEnums.groupBy.${g}`) }))}
          prefix={t('surveys.results.groupBy')}
          style={{ minWidth: 180 }}
          data-testid="survey-results-group-by"
        />
        <OrgUnitTreeSelect allowClear placeholder={t('surveys.results.unitDefault')} value={unitId} onChange={setUnitId} style={{ width: 260 }} />
      </Flex>
      {report.isError && <ProblemAlert error={report.error} testId="survey-results-error" />}
      {report.isPending && <Skeleton active />}
      {r && (
        <>
          <Card size="small" data-testid="survey-results-total">
            <Row gutter={[16, 16]}>
              <Col xs={12} md={4}>
                <Statistic
                  title={
                    <Tooltip title={t('surveys.results.npsHelp')}>
                      {t('surveys.results.nps')} <InfoCircleOutlined />
                    </Tooltip>
                  }
                  value={r.total.nps ?? '—'}
                  formatter={() => <span data-testid="survey-total-nps">{format.number(r.total.nps)}</span>}
                />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('surveys.results.responses')} value={r.total.responses} formatter={() => <span data-testid="survey-total-responses">{format.number(r.total.responses)}</span>} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('surveys.results.csatAverage')} value={r.total.csatAverage ?? '—'} formatter={() => <span data-testid="survey-total-csat">{format.number(r.total.csatAverage)}</span>} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('surveys.results.satisfied')} value={r.total.csatSatisfiedPct ?? '—'} formatter={() => pct(r.total.csatSatisfiedPct)} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('surveys.results.surveysSent')} value={r.surveysSent} formatter={() => format.number(r.surveysSent)} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('surveys.results.responseRate')} value={r.responseRatePct ?? '—'} formatter={() => pct(r.responseRatePct)} />
              </Col>
            </Row>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={9}>
              <NpsChart groups={r.groups} labelOf={labelOf} />
            </Col>
            <Col xs={24} xl={15}>
              <Card size="small">
                <div data-testid="survey-results-table">
                  <Table<TSatisfactionFigures>
                    rowKey="key"
                    size="small"
                    columns={columns}
                    dataSource={r.groups}
                    loading={report.isFetching}
                    pagination={false}
                    scroll={{ x: 800 }}
                    locale={{ emptyText: t('surveys.results.noData') }}
                    onRow={(g) => ({ 'data-testid': `survey-group-${g.key}` }) as HTMLAttributes<HTMLElement>}
                    summary={() =>
                      r.groups.length > 1 && (
                        <Table.Summary.Row>
                          <Table.Summary.Cell index={0}>
                            <Typography.Text strong>{t('surveys.results.total')}</Typography.Text>
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={1} align="right">
                            {format.number(r.total.responses)}
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={2} align="right">
                            {format.number(r.total.nps)}
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={3} align="right">
                            {format.number(r.total.promoters)}
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={4} align="right">
                            {format.number(r.total.passives)}
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={5} align="right">
                            {format.number(r.total.detractors)}
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={6} align="right">
                            {format.number(r.total.csatAverage)}
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={7} align="right">
                            {pct(r.total.csatSatisfiedPct)}
                          </Table.Summary.Cell>
                        </Table.Summary.Row>
                      )
                    }
                  />
                </div>
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}
