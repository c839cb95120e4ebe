import { DeleteOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { CONTACT_CHANNELS, type TContact, type TContactChannel, type TCustomer360, type TUnmaskedCustomer } from '@anxin/contracts';
import { App, Button, Checkbox, Descriptions, Flex, Form, Input, Modal, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddContact, useDeleteContact } from '../../../../api/customers.ts';
import { useFormProblem } from '../../../../components/form-problem.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

/** Profile fields and contacts; contact values are masked unless the user has revealed them. */
export function ProfileCard({ view, unmasked }: { view: TCustomer360; unmasked: TUnmaskedCustomer | null }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { modal } = App.useApp();
  const remove = useDeleteContact(view.customer.id);
  const [adding, setAdding] = useState(false);
  const c = view.customer;
  const writes = can(me, 'customer:write');
  const clearValue = (contact: TContact) => unmasked?.contacts?.find((u) => u.id === contact.id)?.value;
  const none = t('common.none');

  const items = [
    { key: 'kind', label: t('customers.kind'), children: labels.customerKind(c.kind) },
    ...(c.kind === 'person'
      ? [
          { key: 'gender', label: t('customers.gender'), children: c.gender ? labels.gender(c.gender) : none },
          { key: 'birthDate', label: t('customers.birthDate'), children: format.date(c.birthDate) },
          { key: 'occupation', label: t('customers.occupation'), children: c.occupation ?? none },
          { key: 'incomeBand', label: t('customers.incomeBand'), children: c.incomeBand ? labels.incomeBand(c.incomeBand) : none },
          { key: 'bankAccount', label: t('customers.bankAccount'), children: <span className="anxin-mono">{unmasked?.bankAccount ?? c.bankAccount ?? none}</span> },
          { key: 'healthNotes', label: t('customers.healthNotes'), children: unmasked?.healthNotes ?? c.healthNotes ?? none },
        ]
      : [
          { key: 'uscc', label: t('customers.unifiedSocialCreditCode'), children: <span className="anxin-mono">{c.unifiedSocialCreditCode ?? none}</span> },
          { key: 'industry', label: t('customers.industry'), children: c.industry ?? none },
        ]),
    { key: 'pinyin', label: t('customers.pinyin'), children: <span className="anxin-mono">{`${c.namePinyin} (${c.nameInitials})`}</span> },
    { key: 'externalId', label: t('customers.externalId'), children: <span className="anxin-mono">{c.externalId ?? none}</span> },
    { key: 'createdAt', label: t('customers.createdAt'), children: format.dateTime(c.createdAt) },
    { key: 'updatedAt', label: t('customers.updatedAt'), children: format.dateTime(c.updatedAt) },
  ];

  const columns: TableColumnsType<TContact> = [
    { title: t('customerForm.channel'), dataIndex: 'channel', width: 110, render: (ch: TContactChannel) => labels.contactChannel(ch) },
    {
      title: t('customerForm.contactValue'),
      dataIndex: 'value',
      render: (_, contact) => {
        const clear = clearValue(contact);
        return (
          <Flex gap={6} align="center" wrap>
            <span className="anxin-mono" data-testid={`customer-contact-value-${contact.channel}`}>
              {clear ?? contact.value}
            </span>
            {contact.preferred && (
              <Tooltip title={t('customers.preferred')}>
                <StarFilled style={{ color: '#faad14' }} />
              </Tooltip>
            )}
            {contact.verified && <Tag color="green">{t('customers.verified')}</Tag>}
            {contact.label && <Tag>{contact.label}</Tag>}
          </Flex>
        );
      },
    },
  ];
  if (writes) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, contact) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('common.delete')}
          onClick={() =>
            modal.confirm({
              title: t('customer360.confirmDeleteContact'),
              okButtonProps: { danger: true },
              okText: t('common.delete'),
              cancelText: t('common.cancel'),
              onOk: () => remove.mutateAsync(contact.id).catch(() => undefined),
            })
          }
        />
      ),
    });
  }

  return (
    <Flex vertical gap={16} data-testid="customer-profile">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
      <div>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('customer360.contacts')}
          </Typography.Title>
          {writes && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="customer-add-contact">
              {t('customerForm.addContact')}
            </Button>
          )}
        </Flex>
        {remove.isError && <ProblemAlert error={remove.error} style={{ marginBottom: 8 }} />}
        <Table<TContact>
          rowKey="id"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={view.contacts}
          onRow={(contact) => ({ 'data-testid': `customer-contact-${contact.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {adding && <AddContactModal customerId={c.id} onClose={() => setAdding(false)} />}
    </Flex>
  );
}

interface ContactValues {
  channel: TContactChannel;
  value: string;
  preferred?: boolean;
  verified?: boolean;
  label?: string;
}

function AddContactModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<ContactValues>();
  const add = useAddContact(customerId);
  const problem = useFormProblem(form, { fields: ['channel', 'value', 'label'] });
  const onFinish = (values: ContactValues) =>
    add.mutate(
      { channel: values.channel, value: values.value.trim(), preferred: Boolean(values.preferred), verified: Boolean(values.verified), label: values.label?.trim() || null },
      { onSuccess: onClose, onError: problem.report },
    );
  return (
    <Modal open title={t('customerForm.addContact')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={add.isPending} okText={t('common.save')} cancelText={t('common.cancel')}>
      {problem.alertError !== null && <ProblemAlert error={problem.alertError} style={{ marginBottom: 16 }} />}
      <Form<ContactValues> form={form} layout="vertical" initialValues={{ channel: 'mobile' }} onFinish={onFinish}>
        <Form.Item name="channel" label={t('customerForm.channel')}>
          <Select options={CONTACT_CHANNELS.map((ch) => ({ value: ch, label: labels.contactChannel(ch) }))} />
        </Form.Item>
        <Form.Item name="value" label={t('customerForm.contactValue')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('customerForm.contactValue') }) }]}>
          <Input maxLength={300} data-testid="customer-contact-form-value" />
        </Form.Item>
        <Form.Item name="label" label={t('common.optionalField', { field: t('customer360.contactLabel') })}>
          <Input maxLength={40} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="preferred" valuePropName="checked" noStyle>
            <Checkbox>{t('customers.preferred')}</Checkbox>
          </Form.Item>
          <Form.Item name="verified" valuePropName="checked" noStyle>
            <Checkbox>{t('customers.verified')}</Checkbox>
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
