import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CONTACT_CHANNELS,
  CUSTOMER_KINDS,
  GENDERS,
  INCOME_BANDS,
  LIFECYCLE_STAGES,
  TIERS,
  type TConsentEvidence,
  type TContactChannel,
  type TCreateCustomerRequest,
  type TCustomer,
  type TCustomerAttributeValues,
  type TCustomerKind,
  type TGender,
  type TIncomeBand,
  type TLifecycleStage,
  type TTier,
  type TUpdateCustomerRequest,
} from '@anxin/contracts';
import { Alert, App, Button, Checkbox, Col, Divider, Flex, Form, Input, Radio, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAttributeLabel, useCustomerAttributes } from '../../../../api/customer-attributes.ts';
import { useCreateCustomer, useUpdateCustomer } from '../../../../api/customers.ts';
import { AttributeInput } from '../../../../components/attribute-input.tsx';
import { ConsentEvidenceFields } from '../../../../components/consent-evidence-fields.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { OrgUnitTreeSelect } from '../../../../components/org-unit-tree-select.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { StaffSelect } from '../../../../components/staff-select.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { can, picksColleagues } from '../../../../permissions.ts';
import { idNumberFacts, idNumberProblem, MOBILE_PATTERN } from '../../../../validation.ts';
import { DateInput } from '../../../../components/date-input.tsx';
import { shanghaiToday } from '../../../../format.ts';

interface ContactValues {
  channel: TContactChannel;
  value: string;
  preferred?: boolean;
  verified?: boolean;
}

interface CustomerFormValues {
  kind: TCustomerKind;
  name: string;
  gender?: TGender | null;
  birthDate?: string;
  idNumber?: string;
  occupation?: string;
  incomeBand?: TIncomeBand | null;
  unifiedSocialCreditCode?: string;
  industry?: string;
  lifecycleStage: TLifecycleStage;
  tier: TTier;
  ownerAgentId?: string | null;
  orgUnitId?: string;
  externalId?: string;
  healthNotes?: string;
  /** A new customer's health notes come with their separate health_data consent: its evidence. */
  healthConsentEvidenceKind?: TConsentEvidence['kind'];
  healthConsentReference?: string;
  bankAccount?: string;
  contacts?: ContactValues[];
  attributes?: TCustomerAttributeValues;
}

const MAX_CONTACTS = 20;
const blankToNull = (value: string | undefined | null) => (value && value.trim() !== '' ? value.trim() : null);

/**
 * The customer form. The ID number gets a check-digit hint as it is typed; the server is the
 * authority and its field errors appear under the field they concern.
 */
export function CustomerForm({ customer }: { customer?: TCustomer }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const rules = useFormRules();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const attributes = useCustomerAttributes();
  const attributeLabel = useAttributeLabel();
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const [form] = Form.useForm<CustomerFormValues>();
  const isEdit = Boolean(customer);
  const kind = Form.useWatch('kind', form) ?? customer?.kind ?? 'person';
  const idNumber = Form.useWatch('idNumber', form);
  const healthNotes = Form.useWatch('healthNotes', form);
  // Health notes are sensitive personal information: a new customer's need the separate health_data
  // consent in the same request (PIPL art. 29), so its evidence is asked for beside them.
  const asksHealthConsent = !isEdit && Boolean(healthNotes?.trim());

  const fields = useMemo(
    () => [
      'kind',
      'name',
      'gender',
      'birthDate',
      'idNumber',
      'occupation',
      'incomeBand',
      'unifiedSocialCreditCode',
      'industry',
      'lifecycleStage',
      'tier',
      'ownerAgentId',
      'orgUnitId',
      'externalId',
      'healthNotes',
      'healthConsentEvidenceKind',
      'healthConsentReference',
      'bankAccount',
      ...Array.from({ length: MAX_CONTACTS }, (_, i) => [`contacts.${i}.value`, `contacts.${i}.channel`]).flat(),
      ...(attributes.data ?? []).map((a) => `attributes.${a.key}`),
    ],
    [attributes.data],
  );
  const problem = useFormProblem(form, {
    fields,
    codeFields: { CUSTOMER_INVALID_ID_NUMBER: 'idNumber', CUSTOMER_ID_NUMBER_MISMATCH: 'idNumber' },
    rename: (path) => ({ 'consents.0.evidence.kind': 'healthConsentEvidenceKind', 'consents.0.evidence.reference': 'healthConsentReference' })[path] ?? path,
  });

  const initialValues: Partial<CustomerFormValues> = customer
    ? {
        kind: customer.kind,
        name: customer.name,
        gender: customer.gender,
        birthDate: customer.birthDate ?? undefined,
        occupation: customer.occupation ?? undefined,
        incomeBand: customer.incomeBand,
        unifiedSocialCreditCode: customer.unifiedSocialCreditCode ?? undefined,
        industry: customer.industry ?? undefined,
        lifecycleStage: customer.lifecycleStage,
        tier: customer.tier,
        ownerAgentId: customer.ownerAgentId,
        orgUnitId: customer.orgUnitId,
        externalId: customer.externalId ?? undefined,
        attributes: customer.attributes,
      }
    : { kind: 'person', lifecycleStage: 'prospect', tier: 'standard', contacts: [{ channel: 'mobile', value: '', preferred: true }] };

  // The hint under the ID number: what is wrong, or what it says (birth date and gender).
  const idHint = (() => {
    if (!idNumber || idNumber.trim() === '') return isEdit && customer?.idNumber ? t('customerForm.idNumberKeep', { value: customer.idNumber }) : undefined;
    const problemKind = idNumberProblem(idNumber);
    if (problemKind) return undefined;
    const facts = idNumberFacts(idNumber)!;
    return t('customerForm.idNumberFacts', { birthDate: facts.birthDate, gender: labels.gender(facts.gender) });
  })();

  const onFinish = (values: CustomerFormValues) => {
    problem.clear();
    const person = values.kind === 'person';
    const common = {
      name: values.name.trim(),
      gender: person ? (values.gender ?? null) : null,
      birthDate: person ? blankToNull(values.birthDate) : null,
      occupation: person ? blankToNull(values.occupation) : null,
      incomeBand: person ? (values.incomeBand ?? null) : null,
      unifiedSocialCreditCode: person ? null : blankToNull(values.unifiedSocialCreditCode),
      industry: person ? null : blankToNull(values.industry),
      lifecycleStage: values.lifecycleStage,
      tier: values.tier,
      externalId: blankToNull(values.externalId),
      attributes: values.attributes,
      ...(values.ownerAgentId !== undefined ? { ownerAgentId: values.ownerAgentId ?? null } : {}),
      ...(values.orgUnitId ? { orgUnitId: values.orgUnitId } : {}),
    };
    // Sensitive fields are only sent when typed: on edit an empty box keeps the stored value.
    const sensitive = {
      ...(values.idNumber?.trim() ? { idNumber: values.idNumber.trim() } : {}),
      ...(values.healthNotes?.trim() ? { healthNotes: values.healthNotes.trim() } : {}),
      ...(values.bankAccount?.trim() ? { bankAccount: values.bankAccount.trim() } : {}),
    };
    if (customer) {
      const body: TUpdateCustomerRequest & { id: string } = { id: customer.id, version: customer.version, ...common, ...sensitive };
      update.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('customerForm.saved', { name: saved.name }));
          void navigate(`/customers/${saved.id}`);
        },
        onError: problem.report,
      });
    } else {
      const contacts = (values.contacts ?? [])
        .filter((c) => c.value && c.value.trim() !== '')
        .map((c) => ({ channel: c.channel, value: c.value.trim(), preferred: Boolean(c.preferred), verified: Boolean(c.verified) }));
      const consents: TCreateCustomerRequest['consents'] =
        sensitive.healthNotes && values.healthConsentEvidenceKind && values.healthConsentReference?.trim()
          ? [{ purpose: 'health_data', channel: 'any', evidence: { kind: values.healthConsentEvidenceKind, reference: values.healthConsentReference.trim() } }]
          : undefined;
      const body: TCreateCustomerRequest = { kind: values.kind, ...common, ...sensitive, contacts, ...(consents ? { consents } : {}) };
      create.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('customerForm.created', { name: saved.name }));
          void navigate(`/customers/${saved.id}`);
        },
        onError: problem.report,
      });
    }
  };

  const pending = create.isPending || update.isPending;
  const definitions = attributes.data ?? [];

  return (
    <Form<CustomerFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={pending} data-testid="customer-form">
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} testId="customer-form-error" />}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('customers.kind')}>
            <Radio.Group
              optionType="button"
              disabled={isEdit}
              options={CUSTOMER_KINDS.map((k) => ({ value: k, label: labels.customerKind(k) }))}
              data-testid="customer-form-kind"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={kind === 'person' ? t('customers.name') : t('customerForm.orgName')} rules={[rules.required(t('customers.name')), { max: 100 }]}>
            <Input maxLength={100} autoComplete="off" data-testid="customer-form-name" />
          </Form.Item>
        </Col>
      </Row>

      {kind === 'person' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="idNumber"
              label={t('common.optionalField', { field: t('customers.idNumber') })}
              extra={idHint}
              validateFirst
              rules={[
                {
                  validator: async (_rule, value: string | undefined) => {
                    if (!value || value.trim() === '') return;
                    const kindOfProblem = idNumberProblem(value);
                    if (kindOfProblem) throw new Error(t(`customerForm.idNumberProblems.${kindOfProblem}`));
                  },
                },
              ]}
            >
              <Input
                maxLength={30}
                autoComplete="off"
                className="anxin-mono"
                data-testid="customer-form-id-number"
                placeholder={customer?.idNumber ?? undefined}
                onBlur={(e) => {
                  // A valid number says the birth date and gender: fill them in when still empty.
                  const facts = idNumberFacts(e.currentTarget.value);
                  if (!facts) return;
                  if (!form.getFieldValue('birthDate')) form.setFieldValue('birthDate', facts.birthDate);
                  if (!form.getFieldValue('gender')) form.setFieldValue('gender', facts.gender);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="gender" label={t('common.optionalField', { field: t('customers.gender') })}>
              <Select allowClear options={GENDERS.map((g) => ({ value: g, label: labels.gender(g) }))} data-testid="customer-form-gender" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="birthDate" label={t('common.optionalField', { field: t('customers.birthDate') })}>
              <DateInput testId="customer-form-birth-date" max={shanghaiToday()} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="occupation" label={t('common.optionalField', { field: t('customers.occupation') })}>
              <Input maxLength={100} data-testid="customer-form-occupation" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="incomeBand" label={t('common.optionalField', { field: t('customers.incomeBand') })}>
              <Select allowClear options={INCOME_BANDS.map((b) => ({ value: b, label: labels.incomeBand(b) }))} data-testid="customer-form-income-band" />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unifiedSocialCreditCode" label={t('common.optionalField', { field: t('customers.unifiedSocialCreditCode') })}>
              <Input maxLength={30} className="anxin-mono" data-testid="customer-form-uscc" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industry" label={t('common.optionalField', { field: t('customers.industry') })}>
              <Input maxLength={100} data-testid="customer-form-industry" />
            </Form.Item>
          </Col>
        </Row>
      )}

      <Divider titlePlacement="start" plain>
        {t('customerForm.sectionRelationship')}
      </Divider>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="lifecycleStage" label={t('customers.stage')}>
            <Select options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: labels.stage(s) }))} data-testid="customer-form-stage" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="tier" label={t('customers.tier')}>
            <Select options={TIERS.map((s) => ({ value: s, label: labels.tier(s) }))} data-testid="customer-form-tier" />
          </Form.Item>
        </Col>
        {picksColleagues(me) && (
          <Col xs={24} md={6}>
            <Form.Item name="ownerAgentId" label={t('common.optionalField', { field: t('customers.ownerAgent') })} extra={!isEdit ? t('customerForm.ownerHelp') : undefined}>
              <StaffSelect role="agent" testId="customer-form-owner" />
            </Form.Item>
          </Col>
        )}
        {can(me, 'org:read') && (
          <Col xs={24} md={6}>
            <Form.Item name="orgUnitId" label={t('common.optionalField', { field: t('customers.orgUnit') })} extra={!isEdit ? t('customerForm.orgUnitHelp') : undefined}>
              <OrgUnitTreeSelect allowClear testId="customer-form-org-unit" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="externalId" label={t('common.optionalField', { field: t('customers.externalId') })} extra={t('customerForm.externalIdHelp')}>
            <Input maxLength={100} className="anxin-mono" data-testid="customer-form-external-id" />
          </Form.Item>
        </Col>
      </Row>

      {!isEdit && (
        <>
          <Divider titlePlacement="start" plain>
            {t('customerForm.sectionContacts')}
          </Divider>
          <Form.List name="contacts">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Row gutter={8} key={item.key} align="top">
                    <Col xs={8} md={4}>
                      <Form.Item name={[item.name, 'channel']} rules={[rules.requiredSelect(t('customerForm.channel'))]}>
                        <Select options={CONTACT_CHANNELS.map((c) => ({ value: c, label: labels.contactChannel(c) }))} data-testid={`customer-form-contact-channel-${item.name}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={16} md={10}>
                      <Form.Item
                        name={[item.name, 'value']}
                        dependencies={[['contacts', item.name, 'channel']]}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: async (_rule, value: string | undefined) => {
                              const channel = getFieldValue(['contacts', item.name, 'channel']) as TContactChannel;
                              const text = (value ?? '').replace(/[\s-]/g, '').replace(/^\+?86/, '');
                              if (!value || value.trim() === '') return;
                              if (channel === 'mobile' && !MOBILE_PATTERN.test(text)) throw new Error(t('validation.mobile'));
                              if (channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) throw new Error(t('validation.email'));
                            },
                          }),
                        ]}
                      >
                        <Input maxLength={300} placeholder={t('customerForm.contactValue')} data-testid={`customer-form-contact-value-${item.name}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={8}>
                      <Flex gap={8} style={{ paddingTop: 5 }}>
                        <Form.Item name={[item.name, 'preferred']} valuePropName="checked" noStyle>
                          <Checkbox>{t('customers.preferred')}</Checkbox>
                        </Form.Item>
                        <Form.Item name={[item.name, 'verified']} valuePropName="checked" noStyle>
                          <Checkbox>{t('customers.verified')}</Checkbox>
                        </Form.Item>
                      </Flex>
                    </Col>
                    <Col xs={4} md={2}>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                    </Col>
                  </Row>
                ))}
                {items.length < MAX_CONTACTS && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ channel: 'mobile', value: '' })} style={{ marginBottom: 16 }} data-testid="customer-form-add-contact">
                    {t('customerForm.addContact')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </>
      )}
      {isEdit && <Alert type="info" showIcon title={t('customerForm.contactsOn360')} style={{ marginBottom: 16 }} />}

      {kind === 'person' && (
        <>
          <Divider titlePlacement="start" plain>
            {t('customerForm.sectionSensitive')}
          </Divider>
          <Alert type="warning" showIcon title={t('customerForm.sensitiveNote')} style={{ marginBottom: 16 }} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="bankAccount"
                label={t('common.optionalField', { field: t('customers.bankAccount') })}
                extra={isEdit && customer?.bankAccount ? t('customerForm.keepSensitive', { value: customer.bankAccount }) : undefined}
              >
                <Input maxLength={40} autoComplete="off" className="anxin-mono" data-testid="customer-form-bank-account" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="healthNotes"
                label={t('common.optionalField', { field: t('customers.healthNotes') })}
                extra={isEdit && customer?.healthNotes ? t('customerForm.keepSensitive', { value: customer.healthNotes }) : undefined}
              >
                <Input.TextArea rows={2} maxLength={2000} data-testid="customer-form-health-notes" />
              </Form.Item>
              {asksHealthConsent && (
                <>
                  <Alert type="warning" showIcon title={t('customerForm.healthConsentHelp')} style={{ marginBottom: 12 }} data-testid="customer-form-health-consent" />
                  <ConsentEvidenceFields
                    kindName="healthConsentEvidenceKind"
                    referenceName="healthConsentReference"
                    kindTestId="customer-form-health-consent-kind"
                    referenceTestId="customer-form-health-consent-reference"
                    initialKind="signed_form"
                  />
                </>
              )}
            </Col>
          </Row>
        </>
      )}

      {definitions.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t('customerForm.sectionAttributes')}
          </Divider>
          <Row gutter={16}>
            {definitions.map((definition) => (
              <Col xs={24} md={8} key={definition.key}>
                <Form.Item
                  name={['attributes', definition.key]}
                  label={definition.required ? attributeLabel.of(definition) : t('common.optionalField', { field: attributeLabel.of(definition) })}
                  rules={definition.required ? [{ required: true, message: t('validation.required', { field: attributeLabel.of(definition) }) }] : []}
                >
                  <AttributeInput definition={definition} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </>
      )}

      <Flex gap={8} justify="end">
        <Button onClick={() => void navigate(customer ? `/customers/${customer.id}` : '/customers')}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="customer-form-submit">
          {isEdit ? t('common.save') : t('common.create')}
        </Button>
      </Flex>
    </Form>
  );
}
