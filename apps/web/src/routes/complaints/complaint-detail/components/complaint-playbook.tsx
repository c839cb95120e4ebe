import { CheckCircleFilled } from '@ant-design/icons';
import { PLAYBOOK_STEPS, type TComplaint } from '@anxin/contracts';
import { Alert, Button, Card, Flex, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaybookStep } from '../../../../api/complaints.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useComplaintLabels } from '../../components/complaint-labels.ts';

/** The seven-step dispute playbook (K6) as a checklist with a note per step, and guidance for the common cases. */
export function ComplaintPlaybook({ complaint }: { complaint: TComplaint }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const format = useFormat();
  const save = usePlaybookStep(complaint.id);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const editable = complaint.nextActions.includes('playbook');
  const guidance = complaint.category === 'claims' && ['denied', 'amount_too_low'].includes(complaint.subReason) ? 'claims' : complaint.category === 'surrender_loss' ? 'surrender' : 'general';
  return (
    <Card title={t('complaints.playbook.title')} size="small" data-testid="complaint-playbook">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('complaints.playbook.principle')} description={t(`complaints.playbook.guidance.${guidance}`)} />
      {save.isError && <ProblemAlert error={save.error} style={{ marginBottom: 12 }} />}
      <List
        size="small"
        dataSource={[...PLAYBOOK_STEPS]}
        renderItem={(step, i) => {
          const done = complaint.playbook.find((p) => p.step === step);
          return (
            <List.Item data-testid={`playbook-step-${step}`} data-done={Boolean(done)}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={6} align="center">
                  {done ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <Typography.Text type="secondary">{i + 1}.</Typography.Text>}
                  <Typography.Text strong={!done}>{labels.step(step)}</Typography.Text>
                  {done && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${done.actorName} · ${format.dateTime(done.doneAt)}`}</Typography.Text>}
                </Flex>
                {done?.note && <Typography.Text style={{ fontSize: 13 }}>{done.note}</Typography.Text>}
                {editable && (
                  <Flex gap={6}>
                    <Input size="small" placeholder={t('complaints.playbook.notePlaceholder')} value={notes[step] ?? ''} onChange={(e) => setNotes({ ...notes, [step]: e.target.value })} maxLength={1000} />
                    <Button size="small" loading={save.isPending && save.variables?.step === step} onClick={() => save.mutate({ step, note: notes[step]?.trim() || undefined })} data-testid={`playbook-save-${step}`}>
                      {done ? t('complaints.playbook.update') : t('complaints.playbook.done')}
                    </Button>
                  </Flex>
                )}
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
