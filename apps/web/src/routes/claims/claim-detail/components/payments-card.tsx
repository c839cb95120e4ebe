import type { TClaim } from '@anxin/contracts';
import { Card, Table, Tag, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

type Payment = TClaim['payments'][number];

/** Payments recorded on the claim (advance, partial, final), with the masked account and who recorded them. */
export function PaymentsCard({ claim }: { claim: TClaim }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  if (claim.payments.length === 0) return null;
  const columns: TableColumnsType<Payment> = [
    { title: t('claims.payments.kind'), dataIndex: 'kind', render: (_, p) => <Tag>{labels.claimPaymentKind(p.kind)}</Tag> },
    { title: t('claims.payments.payee'), dataIndex: 'payeeName' },
    { title: t('claims.payments.bankAccount'), dataIndex: 'bankAccountMasked', render: (v: string) => <span className="anxin-mono">{v}</span> },
    { title: t('claims.payments.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => format.fen(v) },
    { title: t('claims.payments.paidAt'), dataIndex: 'paidAt', render: (v: string) => format.dateTime(v) },
    { title: t('claims.payments.recordedBy'), dataIndex: 'recordedBy' },
  ];
  return (
    <Card title={t('claims.payments.title')} size="small" data-testid="claim-payments">
      <Table<Payment>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={claim.payments}
        onRow={(p) => ({ 'data-testid': `claim-payment-${p.id}` }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
