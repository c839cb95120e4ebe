import { ReloadOutlined } from '@ant-design/icons';
import type { TOverdueBoard } from '@anxin/contracts';
import { Button, Card, Col, Flex, Row, Segmented, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOverdueBoard } from '../../../api/claims.ts';
import { ClaimStatusTag } from '../../../components/claim-status-tag.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { ClaimBadges } from '../components/claim-badges.tsx';
import { ClockList } from '../components/clock-list.tsx';
import { FastTrackStatsCard } from './components/fast-track-stats-card.tsx';

type BoardItem = TOverdueBoard['items'][number];
type Show = 'all' | 'breached' | 'warning';

/** The deadline that makes a claim urgent: the earliest due date of its breached or warning clocks. */
const urgentDueOf = (item: BoardItem) =>
  item.clocks
    .filter((c) => c.state === 'breached' || c.warning)
    .map((c) => c.dueAt)
    .sort()[0] ?? item.nextDueAt ?? '';

/** Claims whose statutory clocks are breached or about to be, the most urgent first; fast-track figures beside them. */
export function ClaimOverduePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const board = useOverdueBoard();
  const [show, setShow] = useState<Show>('all');

  const items = (board.data?.items ?? [])
    .filter((i) => show === 'all' || (show === 'breached' ? i.breached : i.warning && !i.breached))
    .sort((a, b) => urgentDueOf(a).localeCompare(urgentDueOf(b)));

  const columns: TableColumnsType<BoardItem> = [
    {
      title: t('claims.claimNo'),
      dataIndex: 'claimNo',
      render: (_, c) => (
        <Link to={`/claims/${c.id}`} className="anxin-mono" data-testid={`claim-overdue-open-${c.id}`}>
          {c.claimNo}
        </Link>
      ),
    },
    { title: t('claims.insured'), dataIndex: 'insuredName' },
    { title: t('claims.status'), dataIndex: 'status', render: (_, c) => <ClaimStatusTag status={c.status} /> },
    { title: t('claims.clocks'), key: 'clocks', render: (_, c) => <ClockList clocks={c.clocks.filter((k) => k.state !== 'met')} testIdPrefix={`claim-overdue-clock-${c.id}`} /> },
    { title: t('claims.amountClaimed'), dataIndex: 'amountClaimedFen', align: 'right', render: (v: number) => format.fen(v) },
    { title: t('claims.assignee'), key: 'assignee', render: (_, c) => c.assignee?.name ?? <Typography.Text type="secondary">{t('claims.unassigned')}</Typography.Text> },
    { title: t('claims.flags'), key: 'flags', render: (_, c) => <ClaimBadges claim={c} /> },
  ];

  return (
    <div data-testid="claim-overdue-page">
      <PageHeader
        title={t('claims.overdue.title')}
        description={t('claims.overdue.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()} loading={board.isFetching && !board.isPending}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} xl={5}>
          <Card size="small" loading={board.isPending}>
            <Statistic title={t('claims.overdue.breached')} value={board.data?.counts.breached ?? 0} styles={{ content: { color: '#cf1322' } }} data-testid="claim-overdue-breached" />
          </Card>
        </Col>
        <Col xs={12} xl={5}>
          <Card size="small" loading={board.isPending}>
            <Statistic title={t('claims.overdue.warning')} value={board.data?.counts.warning ?? 0} styles={{ content: { color: '#d46b08' } }} data-testid="claim-overdue-warning" />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <FastTrackStatsCard />
        </Col>
      </Row>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Segmented<Show>
            value={show}
            onChange={setShow}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'breached', label: t('claims.overdue.breached') },
              { value: 'warning', label: t('claims.overdue.warning') },
            ]}
            data-testid="claim-overdue-show"
          />
          <Typography.Text type="secondary">{t('claims.overdue.sortedByDue')}</Typography.Text>
        </Flex>
        {board.isError && <ProblemAlert error={board.error} style={{ marginBottom: 16 }} testId="claim-overdue-error" />}
        <div data-testid="claim-overdue-table">
          <Table<BoardItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={board.isFetching}
            pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            tableLayout="auto"
            locale={{ emptyText: t('claims.overdue.empty') }}
            onRow={(c) => ({ 'data-testid': `claim-overdue-row-${c.id}`, 'data-breached': String(c.breached) }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      </Card>
    </div>
  );
}
