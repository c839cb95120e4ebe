import type { TClaim } from '@anxin/contracts';
import { Alert, Checkbox, Flex, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSendDocumentNotice } from '../../../../api/claims.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ClaimFormModal } from './claim-form-modal.tsx';

interface NoticeValues {
  codes: string[];
  lateReason?: string;
}

/**
 * The notice of missing documents (Insurance Law Art. 22: ask once, completely). The first notice
 * starts with every missing required item ticked; a later one must say why its items were not in the first.
 */
export function DocumentNoticeModal({ claim, onClose }: { claim: TClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<NoticeValues>();
  const send = useSendDocumentNotice(claim.id);
  const problem = useFormProblem(form, { fields: ['codes', 'lateReason'] });
  const isFirst = claim.notices.length === 0;
  const missing = claim.checklist.filter((item) => !item.received);
  const alreadyAsked = new Set(claim.notices.flatMap((n) => n.codes));

  return (
    <ClaimFormModal<NoticeValues>
      title={t('claims.dialogs.noticeTitle', { claimNo: claim.claimNo })}
      form={form}
      pending={send.isPending}
      alertError={problem.alertError}
      submitTestId="claim-notice-submit"
      okText={t('claims.dialogs.noticeSend')}
      width={600}
      initialValues={{ codes: isFirst ? missing.filter((item) => item.required).map((item) => item.code) : [] }}
      onClose={onClose}
      onFinish={(v) =>
        send.mutate({ codes: v.codes, lateReason: isFirst ? undefined : v.lateReason?.trim(), version: claim.version }, { onSuccess: onClose, onError: problem.report })
      }
    >
      <Alert type={isFirst ? 'info' : 'warning'} showIcon style={{ marginBottom: 16 }} title={isFirst ? t('claims.dialogs.noticeFirst') : t('claims.dialogs.noticeLater')} />
      <Form.Item name="codes" label={t('claims.dialogs.noticeItems')} rules={[
          { required: true, type: 'array', min: 1, message: t('claims.dialogs.noticeItemsRequired') },
          {
            // The first notice lists everything missing (Art. 22): say which documents are left out, by name.
            validator: async (_, codes: string[] = []) => {
              const left = isFirst ? missing.filter((item) => item.required && !codes.includes(item.code)) : [];
              if (left.length > 0) throw new Error(t('fieldRules.notice_incomplete', { codes: left.map((item) => item.name).join(t('imports.listSeparator')) }));
            },
          },
        ]}
      >
        <Checkbox.Group style={{ width: '100%' }} data-testid="claim-notice-codes">
          <Flex vertical gap={6}>
            {claim.checklist.map((item) => (
              <Checkbox key={item.code} value={item.code} disabled={item.received} data-testid={`claim-notice-code-${item.code}`}>
                <Flex gap={6} align="center" wrap>
                  <span>{item.name}</span>
                  {item.required && <Tag style={{ marginInlineEnd: 0 }}>{t('claims.checklist.required')}</Tag>}
                  {item.received && <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('claims.checklist.received')}</Tag>}
                  {!item.received && alreadyAsked.has(item.code) && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('claims.checklist.asked')}</Tag>}
                </Flex>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      {!isFirst && (
        <Form.Item name="lateReason" label={t('claims.dialogs.lateReason')} extra={t('claims.dialogs.lateReasonHelp')} rules={[rules.required(t('claims.dialogs.lateReason')), { min: 5, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="claim-notice-late-reason" />
        </Form.Item>
      )}
    </ClaimFormModal>
  );
}
