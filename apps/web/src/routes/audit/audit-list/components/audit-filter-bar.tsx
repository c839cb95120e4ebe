import { SearchOutlined } from '@ant-design/icons';
import type { TAuditAction } from '@anxin/contracts';
import { AUDIT_ACTIONS } from '@anxin/contracts';
import { Button, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';
import { UUID_PATTERN } from '../../../../validation.ts';
import type { AuditFilters } from '../audit-list-params.ts';
import { StaffPicker } from './staff-picker.tsx';

interface FilterValues {
  action?: TAuditAction;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  customerId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

const toValues = (filters: AuditFilters): FilterValues => ({
  action: filters.action,
  actorId: filters.actorId,
  entityType: filters.entityType,
  entityId: filters.entityId,
  customerId: filters.customerId,
  period: filters.fromDate || filters.toDate ? [filters.fromDate ? dayjs(filters.fromDate) : null, filters.toDate ? dayjs(filters.toDate) : null] : null,
});

/**
 * The audit search form. It searches on submit, not on every keystroke: each search is itself an
 * audit event.
 */
export function AuditFilterBar({ filters, onSearch }: { filters: AuditFilters; onSearch: (filters: AuditFilters) => void }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<FilterValues>();

  // Follow the URL (back/forward, shared links) — compared by content, not by object identity.
  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    form.setFieldsValue(toValues(JSON.parse(filtersKey) as AuditFilters));
  }, [filtersKey, form]);

  const onFinish = (values: FilterValues) => {
    const [from, to] = values.period ?? [null, null];
    onSearch({
      action: values.action,
      actorId: values.actorId,
      entityType: values.entityType,
      entityId: values.entityId?.trim() || undefined,
      customerId: values.customerId?.trim() || undefined,
      fromDate: from ? from.format('YYYY-MM-DD') : undefined,
      toDate: to ? to.format('YYYY-MM-DD') : undefined,
    });
  };

  return (
    <Form<FilterValues> form={form} layout="vertical" onFinish={onFinish} initialValues={toValues(filters)} data-testid="audit-filters">
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="action" label={t('audit.action')}>
            <Select<TAuditAction>
              allowClear
              showSearch={{ optionFilterProp: ['label', 'value'] }}
              placeholder={t('common.all')}
              options={AUDIT_ACTIONS.map((action) => ({ value: action, label: labels.auditAction(action) }))}
              data-testid="audit-filter-action"
            />
          </Form.Item>
        </Col>
        {can(me, 'staff:read') && (
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="actorId" label={t('audit.actor')}>
              <StaffPicker placeholder={t('audit.actorPlaceholder')} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Select<string>
              allowClear
              placeholder={t('common.all')}
              options={labels.knownEntityTypes.map((type) => ({ value: type, label: labels.entityType(type) }))}
              data-testid="audit-filter-entity-type"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="entityId" label={t('audit.entityId')} rules={[{ max: 100 }]}>
            <Input allowClear className="anxin-mono" maxLength={100} data-testid="audit-filter-entity-id" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="customerId" label={t('audit.customerId')} rules={[{ pattern: UUID_PATTERN, message: t('validation.uuid') }]}>
            <Input allowClear className="anxin-mono" maxLength={36} data-testid="audit-filter-customer-id" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="period" label={t('audit.dateRange')}>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              placeholder={[t('audit.startDate'), t('audit.endDate')]}
              style={{ width: '100%' }}
              disabledDate={(day) => day.isAfter(dayjs().add(1, 'day'), 'day')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} xl={10} style={{ display: 'flex', alignItems: 'flex-end', gap: 8, paddingBottom: 24 }}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Col>
      </Row>
    </Form>
  );
}
