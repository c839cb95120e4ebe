import { ArrowLeftOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import type { TTier } from '@anxin/contracts';
import { App, Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useExportSegment, useSegment, useSegmentMembers, useSegmentProfile, type TSegmentMember } from '../../../api/segments.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { can } from '../../../permissions.ts';
import { ConditionList } from '../../segmentation/components/condition-text.tsx';
import { SegmentProfileView } from '../../segmentation/components/segment-profile-view.tsx';
import { useSegmentationLabels } from '../../segmentation/components/segmentation-labels.ts';

/** A saved segment: its conditions, profile and members (masked), exportable as CSV. */
export function SegmentDetailPage() {
  const { segmentId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const segmentationLabels = useSegmentationLabels();
  const { message } = App.useApp();
  const segment = useSegment(segmentId);
  const profile = useSegmentProfile(segmentId);
  const members = useSegmentMembers(segmentId);
  const exportCsv = useExportSegment();
  const analyses = can(useCurrentUser(), 'segment:analyse');

  if (segment.isPending) return <PageLoading />;
  if (segment.isError) return <ProblemAlert error={segment.error} testId="segment-error" />;
  const s = segment.data;
  const rows = members.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<TSegmentMember> = [
    {
      title: t('segmentation.segmentDetail.memberName'),
      dataIndex: 'name',
      render: (name: string, m) => (
        <Link to={`/customers/${m.id}`} data-testid={`segment-member-${m.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('segmentation.segmentDetail.tier'), dataIndex: 'tier', render: (tier: TTier) => <Tag>{labels.tier(tier)}</Tag> },
    { title: t('segmentation.segmentDetail.age'), dataIndex: 'age', align: 'right', render: (age: number | null) => format.number(age) },
    { title: t('segmentation.segmentDetail.annualPremium'), dataIndex: 'annualPremiumFen', align: 'right', render: (fen: number) => format.fen(fen) },
    { title: t('segmentation.segmentDetail.policiesInForce'), dataIndex: 'policiesInForce', align: 'right', render: (n: number) => format.number(n) },
    { title: t('segmentation.segmentDetail.rfm'), dataIndex: 'rfmSegment', render: (v: string | null) => (v ? segmentationLabels.rfm(v) : t('common.none')) },
    { title: t('segmentation.segmentDetail.lifecycle'), dataIndex: 'lifecycleSegment', render: (v: string | null) => (v ? segmentationLabels.lifecycle(v) : t('common.none')) },
  ];

  return (
    <div data-testid="segment-detail-page">
      <Link to="/segments" style={{ display: 'inline-block', marginBottom: 8 }} data-testid="segment-back">
        <ArrowLeftOutlined /> {t('segmentation.segmentDetail.back')}
      </Link>
      <PageHeader
        title={s.name}
        description={s.description ?? undefined}
        extra={
          analyses && (
            <>
              <Link to={`/segments?edit=${s.id}`}>
                <Button icon={<EditOutlined />} data-testid="segment-edit-conditions">
                  {t('segmentation.segmentDetail.editConditions')}
                </Button>
              </Link>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={exportCsv.isPending}
                onClick={() => exportCsv.mutate(s, { onSuccess: (name) => void message.success(t('segmentation.segmentDetail.exported', { name })) })}
                data-testid="segment-export"
              >
                {t('segmentation.segmentDetail.export')}
              </Button>
            </>
          )
        }
      />
      <Flex vertical gap={16}>
        {exportCsv.isError && <ProblemAlert error={exportCsv.error} testId="segment-export-error" />}
        <Card size="small" title={t('segmentation.segments.conditions')}>
          <ConditionList conditions={s.conditions} testId="segment-conditions" />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {t('segmentation.segmentDetail.createdAt')} {format.dateTime(s.createdAt)} · {t('segmentation.segments.updatedAt')} {format.dateTime(s.updatedAt)}
          </Typography.Text>
        </Card>
        <Card title={t('segmentation.segmentDetail.profile')}>
          {profile.isError && <ProblemAlert error={profile.error} testId="segment-profile-error" />}
          {profile.isPending && <PageLoading />}
          {profile.data && <SegmentProfileView profile={profile.data} />}
        </Card>
        <Card title={t('segmentation.segmentDetail.members')}>
          {members.isError && <ProblemAlert error={members.error} style={{ marginBottom: 12 }} testId="segment-members-error" />}
          <div data-testid="segment-members-table">
            <Table<TSegmentMember>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={members.isPending}
              pagination={false}
              scroll={{ x: 800 }}
              locale={{ emptyText: t('segmentation.segmentDetail.noMembers') }}
              onRow={(m) => ({ 'data-testid': `segment-member-row-${m.id}` }) as HTMLAttributes<HTMLElement>}
            />
          </div>
          <Flex justify="space-between" align="center" style={{ marginTop: 12 }} wrap gap={8}>
            <Typography.Text type="secondary" data-testid="segment-members-loaded">
              {t('segmentation.segmentDetail.loaded', { shown: format.number(rows.length) })}
            </Typography.Text>
            {members.hasNextPage && (
              <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage} data-testid="segment-members-more">
                {t('common.loadMore')}
              </Button>
            )}
          </Flex>
        </Card>
      </Flex>
    </div>
  );
}
