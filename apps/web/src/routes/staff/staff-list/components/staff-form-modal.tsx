import type { TAgentLicence, TCreateStaffRequest, TCreatedStaff, TRole, TStaff, TUpdateStaffRequest } from '@anxin/contracts';
import { ROLES } from '@anxin/contracts';
import { Alert, App, Button, Col, Divider, Flex, Form, Input, Modal, Row, Select, Typography, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateStaff, useUpdateStaff } from '../../../../api/staff.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { useFormRules } from '../../../../components/form-rules.ts';
import { OrgUnitTreeSelect } from '../../../../components/org-unit-tree-select.tsx';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { MOBILE_PATTERN, USERNAME_PATTERN } from '../../../../validation.ts';
import { DateInput } from '../../../../components/date-input.tsx';

interface StaffFormValues {
  username: string;
  displayName: string;
  orgUnitId: string;
  roles: TRole[];
  email?: string;
  mobile?: string;
  licence?: { number?: string; validFrom?: string; validTo?: string };
  initialPassword?: string;
}

/** Every field the form shows, as the API names them (server field errors land on these). */
const FIELDS = ['username', 'displayName', 'orgUnitId', 'roles', 'email', 'mobile', 'licence', 'licence.number', 'licence.validFrom', 'licence.validTo', 'initialPassword'];

const blankToUndefined = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

/** The licence as the API takes it, or null when no part of it was entered. */
function licenceOf(values: StaffFormValues): TAgentLicence | null {
  const number = blankToUndefined(values.licence?.number);
  const validFrom = blankToUndefined(values.licence?.validFrom);
  const validTo = blankToUndefined(values.licence?.validTo);
  if (!number && !validFrom && !validTo) return null;
  return { number: number ?? '', validFrom: validFrom ?? '', validTo: validTo ?? '' };
}

interface StaffFormModalProps {
  mode: 'create' | 'edit';
  staff?: TStaff;
  onClose: () => void;
  onCreated: (created: TCreatedStaff) => void;
}

/**
 * Create or edit a staff account. Rules mirror the server's: username pattern, mainland mobile
 * number, at least one role, and a licence (number and validity period) for agents.
 */
export function StaffFormModal({ mode, staff, onClose, onCreated }: StaffFormModalProps) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffFormValues>();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const problem = useFormProblem(form, { fields: FIELDS, codeFields: { DUPLICATE: 'username', STAFF_LICENCE_REQUIRED: 'licence.number' } });
  const roles = Form.useWatch('roles', form) ?? [];
  const isEdit = mode === 'edit' && staff !== undefined;
  const isSelf = isEdit && staff.id === me.id;
  const needsLicence = roles.includes('agent');
  const showLicence = needsLicence || Boolean(staff?.licence);
  const pending = create.isPending || update.isPending;

  const initialValues: Partial<StaffFormValues> = isEdit
    ? {
        username: staff.username,
        displayName: staff.displayName,
        orgUnitId: staff.orgUnitId,
        roles: staff.roles,
        licence: staff.licence ?? undefined,
      }
    : { roles: [] };

  /** Licence parts are required for agents, and for anyone once one part is entered (no half licences). */
  const licencePart =
    (field: string): FormRule =>
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (typeof value === 'string' && value.trim()) return;
        const anyEntered = (['number', 'validFrom', 'validTo'] as const).some((part) => {
          const v = getFieldValue(['licence', part]) as unknown;
          return typeof v === 'string' && v.trim() !== '';
        });
        if (needsLicence || anyEntered) throw new Error(t('validation.required', { field }));
      },
    });

  const onFinish = (values: StaffFormValues) => {
    problem.clear();
    const licence = licenceOf(values);
    const email = blankToUndefined(values.email);
    const mobile = blankToUndefined(values.mobile);
    if (!isEdit) {
      const body: TCreateStaffRequest = {
        username: values.username.trim().toLowerCase(),
        displayName: values.displayName.trim(),
        orgUnitId: values.orgUnitId,
        roles: values.roles,
        ...(email ? { email } : {}),
        ...(mobile ? { mobile } : {}),
        ...(licence ? { licence } : {}),
        ...(values.initialPassword ? { initialPassword: values.initialPassword } : {}),
      };
      create.mutate(body, {
        onSuccess: (created) => {
          void message.success(t('staff.created', { username: created.staff.username }));
          onCreated(created);
        },
        onError: problem.report,
      });
      return;
    }
    // Only what changed is sent. Contact fields show masked data, so they are sent only when retyped.
    const body: TUpdateStaffRequest = { version: staff.version };
    if (values.displayName.trim() !== staff.displayName) body.displayName = values.displayName.trim();
    if (values.orgUnitId !== staff.orgUnitId) body.orgUnitId = values.orgUnitId;
    if (!isSelf && [...values.roles].sort().join() !== [...staff.roles].sort().join()) body.roles = values.roles;
    if (email) body.email = email;
    if (mobile) body.mobile = mobile;
    const before = staff.licence;
    if (licence?.number !== before?.number || licence?.validFrom !== before?.validFrom || licence?.validTo !== before?.validTo) body.licence = licence;
    update.mutate(
      { id: staff.id, ...body },
      {
        onSuccess: (updated) => {
          void message.success(t('staff.updated', { username: updated.username }));
          onClose();
        },
        onError: problem.report,
      },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={isEdit ? t('staff.editTitle', { name: `${staff.displayName} (${staff.username})` }) : t('staff.createTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="staff-form-submit">
            {isEdit ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<StaffFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={pending} data-testid="staff-form">
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('staff.sectionAccount')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={t('staff.username')}
              normalize={(value: string) => value.toLowerCase()}
              rules={[rules.required(t('staff.username')), { pattern: USERNAME_PATTERN, message: t('validation.username') }]}
            >
              <Input data-testid="staff-form-username" disabled={isEdit} maxLength={40} autoComplete="off" spellCheck={false} className="anxin-mono" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayName"
              label={t('staff.displayName')}
              rules={[rules.required(t('staff.displayName')), { max: 100, message: t('validation.nameLength') }]}
            >
              <Input data-testid="staff-form-display-name" maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orgUnitId" label={t('staff.orgUnit')} rules={[rules.requiredSelect(t('staff.orgUnit'))]}>
              <OrgUnitTreeSelect testId="staff-form-org-unit" placeholder={t('staff.orgUnit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="roles" label={t('staff.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.rolesRequired') }]}>
              <Select<TRole[]>
                mode="multiple"
                data-testid="staff-form-roles"
                disabled={isSelf}
                showSearch={{ optionFilterProp: ['label', 'value'] }}
                options={ROLES.map((role) => ({ value: role, label: labels.role(role) }))}
                optionRender={(option) => (
                  <Flex justify="space-between" gap={8}>
                    <span>{option.label}</span>
                    <Typography.Text type="secondary" className="anxin-mono">
                      {option.value}
                    </Typography.Text>
                  </Flex>
                )}
              />
            </Form.Item>
          </Col>
          {!isEdit && (
            <Col xs={24} md={12}>
              <Form.Item
                name="initialPassword"
                label={t('common.optionalField', { field: t('staff.initialPassword') })}
                extra={t('staff.initialPasswordHelp')}
                rules={[rules.password(() => form.getFieldValue('username') as string | undefined)]}
              >
                <Input.Password data-testid="staff-form-password" autoComplete="new-password" maxLength={128} />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Divider titlePlacement="start" plain>
          {t('staff.sectionContact')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="mobile"
              label={t('staff.mobile')}
              extra={isEdit && staff.mobile ? t('staff.contactUnchangedHelp', { value: staff.mobile }) : undefined}
              rules={[{ pattern: MOBILE_PATTERN, message: t('validation.mobile') }]}
            >
              <Input data-testid="staff-form-mobile" maxLength={11} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label={t('staff.email')}
              extra={isEdit && staff.email ? t('staff.contactUnchangedHelp', { value: staff.email }) : undefined}
              rules={[{ type: 'email', message: t('validation.email') }]}
            >
              <Input data-testid="staff-form-email" maxLength={254} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        {showLicence && (
          <>
            <Divider titlePlacement="start" plain>
              {t('staff.sectionLicence')}
            </Divider>
            {needsLicence && <Alert type="info" showIcon title={t('staff.licenceRequiredHint')} style={{ marginBottom: 16 }} />}
            <Row gutter={16}>
              <Col xs={24} md={10}>
                <Form.Item
                  name={['licence', 'number']}
                  label={t('staff.licenceNumber')}
                  required={needsLicence}
                  dependencies={[['licence', 'validFrom'], ['licence', 'validTo']]}
                  rules={[licencePart(t('staff.licenceNumber')), { min: 4, max: 40, whitespace: true, message: t('validation.licenceNumber') }]}
                >
                  <Input data-testid="staff-form-licence-number" maxLength={40} autoComplete="off" className="anxin-mono" />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item
                  name={['licence', 'validFrom']}
                  label={t('staff.licenceFrom')}
                  required={needsLicence}
                  dependencies={[['licence', 'number'], ['licence', 'validTo']]}
                  rules={[licencePart(t('staff.licenceFrom'))]}
                >
                  <DateInput testId="staff-form-licence-from" />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item
                  name={['licence', 'validTo']}
                  label={t('staff.licenceTo')}
                  required={needsLicence}
                  dependencies={[['licence', 'number'], ['licence', 'validFrom']]}
                  rules={[
                    licencePart(t('staff.licenceTo')),
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value: string | undefined) => {
                        const from = getFieldValue(['licence', 'validFrom']) as string | undefined;
                        if (value && from && value < from) throw new Error(t('validation.licenceDates'));
                      },
                    }),
                  ]}
                >
                  <DateInput testId="staff-form-licence-to" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </Modal>
  );
}
