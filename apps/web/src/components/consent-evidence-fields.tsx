import { CONSENT_EVIDENCE_KINDS } from '@anxin/contracts';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../i18n/labels.ts';

/**
 * The evidence of a consent (PIPL): its kind and its reference (form number, call recording id, …),
 * the reference required. Used where a consent is granted or withdrawn, and in the new-customer form
 * beside health notes.
 */
export function ConsentEvidenceFields(props: { kindName: string; referenceName: string; kindTestId: string; referenceTestId: string; initialKind?: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <>
      <Form.Item name={props.kindName} label={t('customer360.evidenceKind')} {...(props.initialKind ? { initialValue: props.initialKind } : {})}>
        <Select options={CONSENT_EVIDENCE_KINDS.map((k) => ({ value: k, label: labels.evidenceKind(k) }))} data-testid={props.kindTestId} />
      </Form.Item>
      <Form.Item
        name={props.referenceName}
        label={t('customer360.evidenceReference')}
        extra={t('customer360.evidenceReferenceHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('customer360.evidenceReference') }) }]}
      >
        <Input maxLength={200} data-testid={props.referenceTestId} />
      </Form.Item>
    </>
  );
}
