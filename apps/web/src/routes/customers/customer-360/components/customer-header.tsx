import { EditOutlined, EyeInvisibleOutlined, EyeOutlined, MessageOutlined } from '@ant-design/icons';
import type { TCustomer360, TUnmaskedCustomer } from '@anxin/contracts';
import { Alert, Button, Card, Col, Flex, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { StageTag, TierTag } from '../../../../components/customer-badges.tsx';
import { useCurrentUser } from '../../../../components/require-session.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { can } from '../../../../permissions.ts';

interface CustomerHeaderProps {
  view: TCustomer360;
  unmasked: TUnmaskedCustomer | null;
  onUnmask: () => void;
  onHide: () => void;
  onLogInteraction: () => void;
}

/** Who the customer is at a glance: name, tier, stage, ID number (masked unless revealed) and value figures. */
export function CustomerHeader({ view, unmasked, onUnmask, onHide, onLogInteraction }: CustomerHeaderProps) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const format = useFormat();
  const c = view.customer;
  const v = view.value;
  const idNumber = unmasked?.idNumber ?? c.idNumber;
  const canUnmask = can(me, 'customer:unmask') && (c.idNumber || view.contacts.length > 0 || c.bankAccount || c.healthNotes);

  return (
    <Card style={{ marginBottom: 16 }} data-testid="customer-360-header" data-customer-id={view.customer.id}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Space size={8} wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-360-name">
              {c.name}
            </Typography.Title>
            <TierTag tier={c.tier} testId="customer-360-tier" />
            <StageTag stage={c.lifecycleStage} testId="customer-360-stage" />
            <Tag style={{ marginInlineEnd: 0 }}>{labels.customerKind(c.kind)}</Tag>
          </Space>
          <Flex gap={16} wrap style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">
              {t('customer360.idNumberLabel')}
              <Typography.Text className="anxin-mono" data-testid="customer-360-id-number" data-unmasked={unmasked?.idNumber ? 'true' : 'false'}>
                {idNumber ?? t('common.none')}
              </Typography.Text>
            </Typography.Text>
            {c.gender && <Typography.Text type="secondary">{labels.gender(c.gender)}</Typography.Text>}
            {c.birthDate && <Typography.Text type="secondary">{t('customer360.born', { date: format.date(c.birthDate) })}</Typography.Text>}
            <Typography.Text type="secondary">
              {c.orgUnitName}
              {c.ownerAgentName ? ` · ${t('customer360.ownedBy', { name: c.ownerAgentName })}` : ''}
            </Typography.Text>
          </Flex>
        </div>
        <Flex gap={8} wrap>
          {canUnmask &&
            (unmasked ? (
              <Button icon={<EyeInvisibleOutlined />} onClick={onHide} data-testid="customer-hide">
                {t('customer360.hide')}
              </Button>
            ) : (
              <Button icon={<EyeOutlined />} onClick={onUnmask} data-testid="customer-unmask">
                {t('customer360.unmask')}
              </Button>
            ))}
          {can(me, 'customer:write') && (
            <Button icon={<MessageOutlined />} onClick={onLogInteraction} data-testid="customer-log-interaction">
              {t('customer360.logInteraction')}
            </Button>
          )}
          {can(me, 'customer:write') && (
            <Button icon={<EditOutlined />} onClick={() => void navigate(`/customers/${c.id}/edit`)} data-testid="customer-edit">
              {t('common.edit')}
            </Button>
          )}
        </Flex>
      </Flex>
      {unmasked && <Alert type="warning" showIcon title={t('customer360.unmaskedNotice')} style={{ marginTop: 12 }} data-testid="customer-unmasked-notice" />}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="customer-360-value">
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('customer360.annualPremium')} value={format.fen(v.annualPremiumFen)} data-testid="customer-value-annual-premium" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('customer360.lifetimePremium')} value={format.fen(v.lifetimePremiumFen)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('customer360.policiesInForce')} value={format.number(v.policiesInForce)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic
            title={t('customer360.tenure')}
            value={t('customer360.tenureValue', { years: v.tenureYears, months: v.tenureMonths })}
            suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('customer360.since', { date: format.date(v.tenureSince) })}</Typography.Text>}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('customer360.claimsPaid')} value={format.fen(v.claimsPaidFen)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('customer360.lossRatio')} value={format.percent(v.lossRatio)} data-testid="customer-value-loss-ratio" />
        </Col>
      </Row>
    </Card>
  );
}
