import { CONSENT_CHANNELS, type CONSENT_EVIDENCE_KINDS, CONSENT_PURPOSES, type TConsent, type TConsentChannel, type TConsentPurpose } from '@anxin/contracts';
import { Badge, Button, Collapse, Flex, Form, Modal, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeConsent, useConsentHistory } from '../../../../api/consents.ts';
import { ConsentEvidenceFields } from '../../../../components/consent-evidence-fields.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

type EvidenceKind = (typeof CONSENT_EVIDENCE_KINDS)[number];
interface Change {
  action: 'grant' | 'withdraw';
  purpose?: TConsentPurpose;
  channel?: TConsentChannel;
}

/** PIPL consents per purpose and channel, with grant/withdraw (evidence required) and the full history. */
export function ConsentsCard({ customerId, consents }: { customerId: string; consents: TConsent[] }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const [change, setChange] = useState<Change | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const writes = can(me, 'customer:write');

  const columns: TableColumnsType<TConsent> = [
    {
      title: t('customer360.consentPurpose'),
      dataIndex: 'purpose',
      render: (_, c) => (
        <Flex gap={4} align="center" wrap>
          {labels.consentPurpose(c.purpose)}
          {c.separate && <Tag color="purple">{t('customer360.separateConsent')}</Tag>}
        </Flex>
      ),
    },
    { title: t('customer360.consentChannel'), dataIndex: 'channel', render: (ch: TConsentChannel) => labels.consentChannel(ch) },
    {
      title: t('customer360.consentState'),
      dataIndex: 'granted',
      render: (granted: boolean) => <Badge status={granted ? 'success' : 'default'} text={granted ? t('customer360.granted') : t('customer360.withdrawn')} />,
    },
    { title: t('customer360.evidence'), key: 'evidence', render: (_, c) => `${labels.evidenceKind(c.evidence.kind)} · ${c.evidence.reference}` },
    { title: t('customers.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => format.dateTime(v) },
  ];
  if (writes) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        c.granted ? (
          <Button size="small" danger onClick={() => setChange({ action: 'withdraw', purpose: c.purpose, channel: c.channel })} data-testid={`consent-withdraw-${c.purpose}-${c.channel}`}>
            {t('customer360.withdraw')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setChange({ action: 'grant', purpose: c.purpose, channel: c.channel })} data-testid={`consent-grant-${c.purpose}-${c.channel}`}>
            {t('customer360.grant')}
          </Button>
        ),
    });
  }

  return (
    <Flex vertical gap={12} data-testid="customer-consents">
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('customer360.consentIntro')}</Typography.Text>
        {writes && (
          <Button type="primary" onClick={() => setChange({ action: 'grant' })} data-testid="consent-grant">
            {t('customer360.recordConsent')}
          </Button>
        )}
      </Flex>
      <Table<TConsent>
        rowKey={(c) => `${c.purpose}:${c.channel}`}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={consents}
        locale={{ emptyText: t('customer360.noConsents') }}
        onRow={(c) => ({ 'data-testid': `consent-${c.purpose}-${c.channel}` }) as HTMLAttributes<HTMLElement>}
      />
      <Collapse
        ghost
        onChange={(keys) => setHistoryOpen(keys.length > 0)}
        items={[{ key: 'history', label: t('customer360.consentHistory'), children: historyOpen ? <ConsentHistory customerId={customerId} /> : null }]}
      />
      {change && <ConsentChangeModal customerId={customerId} change={change} onClose={() => setChange(null)} />}
    </Flex>
  );
}

function ConsentHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const history = useConsentHistory(customerId);
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {history.isError && <ProblemAlert error={history.error} />}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={history.isFetching}
        dataSource={items}
        columns={[
          { title: t('customer360.at'), dataIndex: 'at', render: (v: string) => format.dateTime(v) },
          { title: t('customer360.consentPurpose'), dataIndex: 'purpose', render: (p: TConsentPurpose) => labels.consentPurpose(p) },
          { title: t('customer360.consentChannel'), dataIndex: 'channel', render: (ch: TConsentChannel) => labels.consentChannel(ch) },
          {
            title: t('customer360.consentState'),
            dataIndex: 'action',
            render: (a: 'granted' | 'withdrawn') => <Tag color={a === 'granted' ? 'green' : 'default'}>{a === 'granted' ? t('customer360.granted') : t('customer360.withdrawn')}</Tag>,
          },
          { title: t('customer360.evidence'), key: 'evidence', render: (_, e) => `${labels.evidenceKind(e.evidence.kind)} · ${e.evidence.reference}` },
          { title: t('customer360.staff'), dataIndex: 'staffName', render: (v: string | null) => v ?? t('common.none') },
        ]}
      />
      {history.hasNextPage && (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage} style={{ marginTop: 8 }}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

interface ConsentValues {
  purpose: TConsentPurpose;
  channel: TConsentChannel;
  evidenceKind: EvidenceKind;
  reference: string;
}

function ConsentChangeModal({ customerId, change, onClose }: { customerId: string; change: Change; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<ConsentValues>();
  const mutation = useChangeConsent(customerId);
  const problem = useFormProblem(form, { fields: ['purpose', 'channel', 'evidence.kind', 'evidence.reference'] });
  const withdrawing = change.action === 'withdraw';
  const purpose = Form.useWatch('purpose', form);

  const onFinish = (values: ConsentValues) =>
    mutation.mutate(
      { action: change.action, purpose: values.purpose, channel: values.channel, evidence: { kind: values.evidenceKind, reference: values.reference.trim() } },
      { onSuccess: onClose, onError: problem.report },
    );

  return (
    <Modal
      open
      title={withdrawing ? t('customer360.withdrawTitle') : t('customer360.grantTitle')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okText={withdrawing ? t('customer360.withdraw') : t('customer360.grant')}
      okButtonProps={{ danger: withdrawing, 'data-testid': 'consent-form-submit' }}
      cancelText={t('common.cancel')}
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<ConsentValues>
        form={form}
        layout="vertical"
        initialValues={{ purpose: change.purpose ?? 'service', channel: change.channel ?? 'any', evidenceKind: 'signed_form' }}
        onFinish={onFinish}
      >
        <Form.Item name="purpose" label={t('customer360.consentPurpose')}>
          <Select disabled={Boolean(change.purpose)} options={CONSENT_PURPOSES.map((p) => ({ value: p, label: labels.consentPurpose(p) }))} data-testid="consent-form-purpose" />
        </Form.Item>
        {(purpose === 'health_data' || purpose === 'financial_data') && !withdrawing && (
          <Typography.Paragraph type="warning">{t('customer360.separateConsentHelp')}</Typography.Paragraph>
        )}
        <Form.Item name="channel" label={t('customer360.consentChannel')}>
          <Select disabled={Boolean(change.channel)} options={CONSENT_CHANNELS.map((ch) => ({ value: ch, label: labels.consentChannel(ch) }))} data-testid="consent-form-channel" />
        </Form.Item>
        <ConsentEvidenceFields kindName="evidenceKind" referenceName="reference" kindTestId="consent-form-evidence-kind" referenceTestId="consent-form-reference" />
      </Form>
    </Modal>
  );
}
