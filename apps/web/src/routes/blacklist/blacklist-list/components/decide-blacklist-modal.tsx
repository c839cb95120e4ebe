import type { TBlacklistEntry } from '@anxin/contracts';
import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDecideBlacklistEntry, type BlacklistDecision } from '../../../../api/blacklist.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';

const TITLES = { approve: 'blacklist.approveTitle', reject: 'blacklist.rejectTitle', lift: 'blacklist.liftTitle' } as const;
const DONE = { approve: 'blacklist.approved', reject: 'blacklist.rejected', lift: 'blacklist.lifted' } as const;
const OK = { approve: 'blacklist.approve', reject: 'blacklist.reject', lift: 'blacklist.lift' } as const;

/** Approve or reject a pending entry, or lift an active one, with a note (sent with the version shown). */
export function DecideBlacklistModal({ entry, decision, onClose }: { entry: TBlacklistEntry; decision: BlacklistDecision; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const decide = useDecideBlacklistEntry();
  const problem = useFormProblem(form, { fields: ['note'] });
  return (
    <Modal
      open
      title={t(TITLES[decision], { name: entry.customer.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(OK[decision])}
      confirmLoading={decide.isPending}
      okButtonProps={{ danger: decision === 'approve', 'data-testid': 'blacklist-decide-submit' } as ButtonProps}
      destroyOnHidden
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} testId="blacklist-decide-error" />}
      <Form<{ note: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decide.mutate(
            { id: entry.id, decision, body: { note: v.note.trim(), version: entry.version } },
            {
              onSuccess: () => {
                void message.success(t(DONE[decision]));
                onClose();
              },
              onError: problem.report,
            },
          )
        }
      >
        <Form.Item name="note" label={t('blacklist.note')} rules={[rules.required(t('blacklist.note'))]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="blacklist-decide-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
