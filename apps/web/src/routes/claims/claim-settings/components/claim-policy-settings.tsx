import type { TClaimSettings } from '@anxin/contracts';
import { App, Button, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveApprovalAuthority, useSaveFastTrack } from '../../../../api/claim-settings.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useYuanRule } from '../../../../components/yuan-rules.ts';
import { fenToYuanText, parseYuanToFen } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

const yuanOrEmpty = (fen: number | null) => (fen === null ? '' : fenToYuanText(fen));
const fenOrNull = (yuan: string | undefined) => (yuan?.trim() ? (parseYuanToFen(yuan) ?? 0) : null);

/** Fast track (快赔): on/off, the amount ceiling and the diagnoses never decided automatically. */
export function FastTrackCard({ settings, canEdit }: { settings: TClaimSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const yuan = useYuanRule();
  const save = useSaveFastTrack();
  const [form] = Form.useForm<{ enabled: boolean; threshold: string; excluded: string[] }>();
  const problem = useFormProblem(form, { fields: ['enabled', 'threshold', 'excluded'], rename: (p) => (p === 'thresholdFen' ? 'threshold' : p.startsWith('excludedDiagnosisPrefixes') ? 'excluded' : p) });
  const ft = settings.fastTrack;
  useEffect(() => form.setFieldsValue({ enabled: ft.enabled, threshold: fenToYuanText(ft.thresholdFen), excluded: ft.excludedDiagnosisPrefixes }), [ft, form]);
  return (
    <Card title={t('claims.settings.fastTrackTitle')} size="small" data-testid="fast-track-card">
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit || save.isPending}
        onFinish={(v) =>
          save.mutate(
            { enabled: v.enabled, thresholdFen: parseYuanToFen(v.threshold) ?? 0, excludedDiagnosisPrefixes: v.excluded.map((e) => e.trim().toUpperCase()), version: ft.version },
            { onSuccess: () => void message.success(t('claims.settings.saved')), onError: problem.report },
          )
        }
      >
        <Form.Item name="enabled" label={t('claims.settings.fastTrackEnabled')} valuePropName="checked">
          <Switch data-testid="fast-track-enabled" />
        </Form.Item>
        <Form.Item name="threshold" label={t('claims.settings.threshold')} extra={t('claims.settings.thresholdHelp')} rules={[yuan({ required: true, field: t('claims.settings.threshold') })]}>
          <Input prefix="¥" inputMode="decimal" data-testid="fast-track-threshold" />
        </Form.Item>
        <Form.Item name="excluded" label={t('claims.settings.excluded')} extra={t('claims.settings.excludedHelp')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} data-testid="fast-track-excluded" />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="fast-track-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** Approval limits (核赔权限) by role; empty means no limit. */
export function ApprovalAuthorityCard({ settings, canEdit }: { settings: TClaimSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const yuan = useYuanRule();
  const save = useSaveApprovalAuthority();
  type V = { claims_adjuster: string; branch_manager: string; admin: string };
  const [form] = Form.useForm<V>();
  const problem = useFormProblem(form, { fields: ['claims_adjuster', 'branch_manager', 'admin'], rename: (p) => p.replace(/^limits\./, '') });
  const a = settings.approvalAuthority;
  useEffect(
    () => form.setFieldsValue({ claims_adjuster: yuanOrEmpty(a.limits.claims_adjuster), branch_manager: yuanOrEmpty(a.limits.branch_manager), admin: yuanOrEmpty(a.limits.admin) }),
    [a, form],
  );
  return (
    <Card title={t('claims.settings.authorityTitle')} size="small" data-testid="approval-authority-card">
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit || save.isPending}
        onFinish={(v) =>
          save.mutate(
            { limits: { claims_adjuster: fenOrNull(v.claims_adjuster), branch_manager: fenOrNull(v.branch_manager), admin: fenOrNull(v.admin) }, version: a.version },
            { onSuccess: () => void message.success(t('claims.settings.saved')), onError: problem.report },
          )
        }
      >
        <Row gutter={12}>
          {(['claims_adjuster', 'branch_manager', 'admin'] as const).map((role) => (
            <Col xs={24} md={8} key={role}>
              <Form.Item name={role} label={labels.role(role)} rules={[yuan({ field: labels.role(role) })]}>
                <Input prefix="¥" inputMode="decimal" placeholder={t('claims.settings.noLimit')} data-testid={`authority-${role}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="authority-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
