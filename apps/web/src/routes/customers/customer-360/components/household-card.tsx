import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { RELATIONSHIP_TYPES, type TCustomer360, type THouseholdMember, type TRelationship, type TRelationshipType } from '@anxin/contracts';
import { App, Button, Flex, Form, Modal, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAddRelationship, useRemoveRelationship } from '../../../../api/customers.ts';
import { CustomerPicker } from '../../../../components/customer-picker.tsx';
import { StageTag, TierTag } from '../../../../components/customer-badges.tsx';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

/** The household (spouse, children, parents) and every other link, with add/remove for writers. */
export function HouseholdCard({ view }: { view: TCustomer360 }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { modal } = App.useApp();
  const remove = useRemoveRelationship(view.customer.id);
  const [adding, setAdding] = useState(false);
  const writes = can(me, 'customer:write');

  const memberColumns: TableColumnsType<THouseholdMember> = [
    {
      title: t('customers.name'),
      key: 'name',
      render: (_, m) => (
        <Link to={`/customers/${m.customer.id}`} data-testid={`household-member-${m.customer.id}`}>
          {m.customer.name}
        </Link>
      ),
    },
    { title: t('customer360.relation'), key: 'relation', render: (_, m) => labels.relationshipType(m.relationType) },
    { title: t('customers.birthDate'), key: 'birthDate', render: (_, m) => format.date(m.customer.birthDate) },
    { title: t('customers.stage'), key: 'stage', render: (_, m) => <StageTag stage={m.customer.lifecycleStage} /> },
    { title: t('customers.tier'), key: 'tier', render: (_, m) => <TierTag tier={m.customer.tier} /> },
  ];

  const relationshipColumns: TableColumnsType<TRelationship> = [
    {
      title: t('customer360.relatedCustomer'),
      dataIndex: 'relatedCustomerName',
      render: (_, r) => <Link to={`/customers/${r.relatedCustomerId}`}>{r.relatedCustomerName}</Link>,
    },
    { title: t('customer360.relation'), dataIndex: 'type', render: (type: TRelationshipType) => labels.relationshipType(type) },
    { title: t('customers.createdAt'), dataIndex: 'createdAt', render: (v: string) => format.dateTime(v) },
  ];
  if (writes) {
    relationshipColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, r) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('customer360.removeRelationship')}
          data-testid={`relationship-remove-${r.relatedCustomerId}`}
          onClick={() =>
            modal.confirm({
              title: t('customer360.confirmRemoveRelationship', { name: r.relatedCustomerName }),
              content: t('customer360.confirmRemoveRelationshipContent'),
              okButtonProps: { danger: true },
              okText: t('customer360.removeRelationship'),
              cancelText: t('common.cancel'),
              onOk: () => remove.mutateAsync(r).catch(() => undefined),
            })
          }
        />
      ),
    });
  }

  return (
    <Flex vertical gap={16} data-testid="customer-household">
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('customer360.householdMembers')}
        </Typography.Title>
        {writes && (
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="household-add">
            {t('customer360.addRelationship')}
          </Button>
        )}
      </Flex>
      <Table<THouseholdMember>
        rowKey={(m) => m.customer.id}
        size="small"
        pagination={false}
        columns={memberColumns}
        dataSource={view.household}
        locale={{ emptyText: t('customer360.noHousehold') }}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('customer360.allRelationships')}
      </Typography.Title>
      {remove.isError && <ProblemAlert error={remove.error} />}
      <Table<TRelationship>
        rowKey="id"
        size="small"
        pagination={false}
        columns={relationshipColumns}
        dataSource={view.relationships}
        locale={{ emptyText: t('customer360.noRelationships') }}
        onRow={(r) => ({ 'data-testid': `relationship-${r.relatedCustomerId}` }) as HTMLAttributes<HTMLElement>}
      />
      {adding && <AddRelationshipModal view={view} onClose={() => setAdding(false)} />}
    </Flex>
  );
}

interface RelationshipValues {
  relatedCustomerId: string;
  type: TRelationshipType;
}

function AddRelationshipModal({ view, onClose }: { view: TCustomer360; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<RelationshipValues>();
  const add = useAddRelationship(view.customer.id);
  const problem = useFormProblem(form, { fields: ['relatedCustomerId', 'type'], codeFields: { CUSTOMER_INVALID_RELATIONSHIP: 'relatedCustomerId' } });
  const linked = [view.customer.id, ...view.relationships.map((r) => r.relatedCustomerId)];

  return (
    <Modal
      open
      title={t('customer360.addRelationshipTitle', { name: view.customer.name })}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'relationship-form-submit' }}
    >
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<RelationshipValues> form={form} layout="vertical" initialValues={{ type: 'spouse' }} onFinish={(values) => add.mutate(values, { onSuccess: onClose, onError: problem.report })}>
        <Form.Item name="relatedCustomerId" label={t('customer360.relatedCustomer')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('customer360.relatedCustomer') }) }]}>
          <CustomerPicker excludeIds={linked} testId="relationship-form-customer" />
        </Form.Item>
        <Form.Item name="type" label={t('customer360.relationIs')} extra={t('customer360.relationHelp', { name: view.customer.name })}>
          <Select options={RELATIONSHIP_TYPES.map((type) => ({ value: type, label: labels.relationshipType(type) }))} data-testid="relationship-form-type" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
