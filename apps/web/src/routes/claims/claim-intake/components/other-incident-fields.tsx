import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../../components/form-rules.ts';
import { ICD10 } from '../claim-intake-request.ts';

/** Illness, death or injury (critical illness, life, accident, annuity lines): what happened, and the diagnosis if any. */
export function IllnessIncidentFields() {
  const { t } = useTranslation();
  const rules = useFormRules();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={['incident', 'diagnosisCode']}
          label={t('common.optionalField', { field: t('claims.intake.diagnosisCode') })}
          normalize={(value: string | undefined) => value?.toUpperCase()}
          rules={[{ pattern: ICD10, message: t('claims.intake.icdRule') }]}
        >
          <Input maxLength={7} className="anxin-mono" placeholder="C50" data-testid="claim-intake-diagnosis" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['incident', 'hospital']} label={t('common.optionalField', { field: t('claims.intake.hospital') })} rules={[{ max: 100 }]}>
          <Input maxLength={100} data-testid="claim-intake-hospital" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['incident', 'event']} label={t('claims.intake.event')} rules={[rules.required(t('claims.intake.event')), { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="claim-intake-event" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Property or liability loss: where and what happened. */
export function PropertyIncidentFields() {
  const { t } = useTranslation();
  const rules = useFormRules();
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item name={['incident', 'place']} label={t('claims.intake.place')} rules={[rules.required(t('claims.intake.place')), { max: 200 }]}>
          <Input maxLength={200} data-testid="claim-intake-place" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['incident', 'description']} label={t('claims.intake.description')} rules={[rules.required(t('claims.intake.description')), { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="claim-intake-description" />
        </Form.Item>
      </Col>
    </Row>
  );
}
