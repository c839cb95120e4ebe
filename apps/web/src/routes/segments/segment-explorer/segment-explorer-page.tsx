import { DeleteOutlined, EditOutlined, EyeOutlined, SaveOutlined } from '@ant-design/icons';
import type { TSegment } from '@anxin/contracts';
import { Alert, App, Button, Card, Col, Flex, Row, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSegmentationFields } from '../../../api/segmentation.ts';
import { useDeleteSegment, useSegment, useSegmentPreview, useSegments } from '../../../api/segments.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../components/require-session.tsx';
import { useFormat } from '../../../format.ts';
import { can } from '../../../permissions.ts';
import { ConditionBuilder } from '../../segmentation/components/condition-builder.tsx';
import { conditionsOf, draftsOf, type DraftCondition } from '../../segmentation/components/condition-drafts.ts';
import { ConditionList } from '../../segmentation/components/condition-text.tsx';
import { SegmentProfileView } from '../../segmentation/components/segment-profile-view.tsx';
import { SaveSegmentModal } from './components/save-segment-modal.tsx';
import { useDebouncedValue } from './components/use-debounced-value.ts';

/**
 * The segment explorer: build conditions, watch the size and profile of the matching customers
 * update, save them as a segment; the saved segments below open, load into the builder or go.
 * `?edit=<id>` opens a saved segment for editing.
 */
export function SegmentExplorerPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const { modal, message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const analyses = can(me, 'segment:analyse');
  const fields = useSegmentationFields();
  const segments = useSegments();
  const remove = useDeleteSegment();
  const [drafts, setDrafts] = useState<DraftCondition[]>([]);
  const [editing, setEditing] = useState<TSegment | null>(null);
  const [saving, setSaving] = useState(false);

  // A segment to edit named in the address (from its detail page) is loaded once it arrives.
  const editId = searchParams.get('edit');
  const editTarget = useSegment(editId);
  const [loadedEditId, setLoadedEditId] = useState<string | null>(null);
  useEffect(() => {
    if (editId && editTarget.data && loadedEditId !== editId) {
      setLoadedEditId(editId);
      setEditing(editTarget.data);
      setDrafts(draftsOf(editTarget.data.conditions));
    }
  }, [editId, editTarget.data, loadedEditId]);

  const conditions = conditionsOf(drafts);
  const debounced = useDebouncedValue(conditions, 400);
  const preview = useSegmentPreview(debounced);
  const updating = preview.isFetching || JSON.stringify(conditions) !== JSON.stringify(debounced);

  const startEditing = (segment: TSegment) => {
    setEditing(segment);
    setDrafts(draftsOf(segment.conditions));
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };
  const stopEditing = () => {
    setEditing(null);
    setDrafts([]);
    if (editId) setSearchParams({}, { replace: true });
  };

  const columns: TableColumnsType<TSegment> = [
    {
      title: t('segmentation.segments.name'),
      dataIndex: 'name',
      render: (name: string, s) => (
        <Link to={`/segments/${s.id}`} data-testid={`segment-link-${s.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('segmentation.segments.segmentDescription'), dataIndex: 'description', render: (d: string | null) => d ?? t('common.none') },
    { title: t('segmentation.segments.conditions'), dataIndex: 'conditions', render: (_, s) => <ConditionList conditions={s.conditions} /> },
    { title: t('segmentation.segments.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => format.dateTime(at), width: 170 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, s) => (
        <Flex gap={4}>
          <Link to={`/segments/${s.id}`}>
            <Button size="small" icon={<EyeOutlined />} aria-label={t('segmentation.segments.open')} data-testid={`segment-open-${s.id}`} />
          </Link>
          {analyses && (
            <>
              <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => startEditing(s)} data-testid={`segment-edit-${s.id}`} />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                data-testid={`segment-delete-${s.id}`}
                onClick={() =>
                  modal.confirm({
                    title: t('segmentation.segments.confirmDelete', { name: s.name }),
                    content: t('segmentation.segments.confirmDeleteContent'),
                    okButtonProps: { danger: true },
                    okText: t('common.delete'),
                    cancelText: t('common.cancel'),
                    onOk: () =>
                      remove.mutateAsync(s.id).then(() => {
                        void message.success(t('segmentation.segments.deleted', { name: s.name }));
                        if (editing?.id === s.id) stopEditing();
                      }),
                  })
                }
              />
            </>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <div data-testid="segment-explorer-page">
      <PageHeader title={t('segmentation.segments.title')} description={t('segmentation.segments.description')} />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={13}>
            <Card
              title={t('segmentation.segments.builderTitle')}
              style={{ height: '100%' }}
              extra={
                analyses && (
                  <Button type="primary" icon={<SaveOutlined />} disabled={conditions === null} onClick={() => setSaving(true)} data-testid="segment-save">
                    {editing ? t('segmentation.segments.saveChanges') : t('segmentation.segments.saveAs')}
                  </Button>
                )
              }
            >
              {editing && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('segmentation.segments.editing', { name: editing.name })}
                  action={
                    <Button size="small" onClick={stopEditing} data-testid="segment-stop-editing">
                      {t('segmentation.segments.cancelEdit')}
                    </Button>
                  }
                  data-testid="segment-editing"
                />
              )}
              {fields.isError && <ProblemAlert error={fields.error} style={{ marginBottom: 12 }} testId="segment-fields-error" />}
              <ConditionBuilder value={drafts} onChange={setDrafts} fields={fields.data} loading={fields.isPending} testId="segment-condition" />
              {conditions === null && (
                <Typography.Text type="warning" style={{ display: 'block', marginTop: 8 }} data-testid="segment-conditions-incomplete">
                  {t('segmentation.builder.incomplete')}
                </Typography.Text>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={11}>
            <Card
              title={t('segmentation.segments.previewTitle')}
              style={{ height: '100%' }}
              extra={
                updating && (
                  <Flex gap={6} align="center">
                    <Spin size="small" />
                    <Typography.Text type="secondary">{t('segmentation.segments.previewUpdating')}</Typography.Text>
                  </Flex>
                )
              }
              data-testid="segment-preview"
            >
              {preview.isError && <ProblemAlert error={preview.error} style={{ marginBottom: 12 }} testId="segment-preview-error" />}
              {preview.data ? <SegmentProfileView profile={preview.data} compact testId="segment-preview-profile" /> : preview.isPending && <Spin />}
            </Card>
          </Col>
        </Row>
        <Card title={t('segmentation.segments.savedTitle')}>
          {segments.isError && <ProblemAlert error={segments.error} style={{ marginBottom: 12 }} testId="segments-error" />}
          {remove.isError && <ProblemAlert error={remove.error} style={{ marginBottom: 12 }} testId="segment-delete-error" />}
          <div data-testid="segments-table">
            <Table<TSegment>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={segments.data ?? []}
              loading={segments.isPending}
              pagination={false}
              scroll={{ x: 900 }}
              locale={{ emptyText: t('segmentation.segments.empty') }}
              onRow={(s) => ({ 'data-testid': `segment-row-${s.id}` }) as HTMLAttributes<HTMLElement>}
            />
          </div>
        </Card>
      </Flex>
      {saving && conditions !== null && (
        <SaveSegmentModal
          conditions={conditions}
          editing={editing}
          onClose={() => setSaving(false)}
          onSaved={(segment) => {
            setSaving(false);
            if (editing) setEditing(segment);
          }}
        />
      )}
    </div>
  );
}
