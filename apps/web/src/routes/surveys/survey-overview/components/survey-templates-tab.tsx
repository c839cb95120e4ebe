import { PlusOutlined } from '@ant-design/icons';
import type { TSurveyTemplate } from '@anxin/contracts';
import { App, Button, Flex, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSurveyTemplates, useUpdateSurveyTemplate } from '../../../../api/surveys.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useServiceLabels } from '../../../../components/service-labels.ts';
import { can } from '../../../../permissions.ts';
import { SurveyPreviewModal } from './survey-preview-modal.tsx';
import { SurveyTemplateModal } from './survey-template-modal.tsx';

/** The survey templates: which questions each survey context asks; service managers edit them. */
export function SurveyTemplatesTab() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const list = useSurveyTemplates();
  const update = useUpdateSurveyTemplate();
  const [editing, setEditing] = useState<TSurveyTemplate | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<TSurveyTemplate | null>(null);
  const manages = can(me, 'service:manage');

  const columns: TableColumnsType<TSurveyTemplate> = [
    { title: t('surveys.templates.code'), dataIndex: 'code', render: (code: string) => <span className="anxin-mono">{code}</span> },
    { title: t('surveys.templates.name'), dataIndex: 'name' },
    { title: t('surveys.templates.context'), dataIndex: 'context', render: (_, tpl) => labels.surveyContext(tpl.context) },
    {
      title: t('surveys.templates.questions'),
      key: 'questions',
      render: (_, tpl) => (
        <Flex gap={4} wrap>
          {tpl.questions.map((q) => (
            <Tag key={q.key} color={q.required ? 'blue' : undefined}>
              {q.key} · {labels.questionKind(q.kind)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('surveys.templates.active'),
      dataIndex: 'active',
      render: (_, tpl) => (
        <Switch
          checked={tpl.active}
          disabled={!manages}
          loading={update.isPending && update.variables?.id === tpl.id}
          onChange={(active) =>
            update.mutate({ id: tpl.id, body: { active, version: tpl.version } }, { onSuccess: () => void message.success(active ? t('surveys.templates.activated') : t('surveys.templates.deactivated')) })
          }
          data-testid={`survey-template-active-${tpl.code}`}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, tpl: TSurveyTemplate) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => setPreviewing(tpl)} data-testid={`survey-template-preview-${tpl.code}`}>
            {t('surveys.templates.preview')}
          </Button>
          {manages && (
            <Button size="small" onClick={() => setEditing(tpl)} data-testid={`survey-template-edit-${tpl.code}`}>
              {t('surveys.templates.edit')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="survey-templates">
      {manages && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ alignSelf: 'flex-end' }} data-testid="survey-template-create">
          {t('surveys.templates.create')}
        </Button>
      )}
      {list.isError && <ProblemAlert error={list.error} testId="survey-templates-error" />}
      {update.isError && <ProblemAlert error={update.error} testId="survey-template-update-error" />}
      <div data-testid="survey-template-table">
        <Table<TSurveyTemplate>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('surveys.templates.empty') }}
          onRow={(tpl) => ({ 'data-testid': `survey-template-row-${tpl.code}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {editing && <SurveyTemplateModal template={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {previewing && <SurveyPreviewModal template={previewing} onClose={() => setPreviewing(null)} />}
    </Flex>
  );
}
