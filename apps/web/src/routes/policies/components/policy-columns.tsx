import type { TPolicySummary } from '@anxin/contracts';
import { Flex, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';

type Column<T> = TableColumnsType<T>[number];

/**
 * The columns every table of policies shows the same way — the number (a link to the policy), the
 * product with its line, the policyholder, the sum insured, the premium with its frequency — for the
 * policy list, the underwriting queue and the customer 360 view's holdings.
 */
export function usePolicyColumns<T extends Pick<TPolicySummary, 'id' | 'policyNo' | 'product' | 'policyholder' | 'sumInsuredFen' | 'premiumFen' | 'paymentFrequency'>>() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  return {
    /** The policy number, linking to the policy; `testIdPrefix` + id names the link. */
    policyNo: (testIdPrefix: string): Column<T> => ({
      title: t('policies.policyNo'),
      dataIndex: 'policyNo',
      render: (_, p) => (
        <Link to={`/policies/${p.id}`} className="anxin-mono" data-testid={`${testIdPrefix}${p.id}`}>
          {p.policyNo}
        </Link>
      ),
    }),
    product: {
      title: t('policies.product'),
      key: 'product',
      render: (_, p) => (
        <Flex vertical>
          <span>{p.product.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.productLine(p.product.line)}
          </Typography.Text>
        </Flex>
      ),
    } satisfies Column<T>,
    policyholder: { title: t('policies.policyholder'), key: 'policyholder', render: (_, p) => <Link to={`/customers/${p.policyholder.id}`}>{p.policyholder.name}</Link> } satisfies Column<T>,
    sumInsured: { title: t('policies.sumInsured'), dataIndex: 'sumInsuredFen', align: 'right', render: (v: number) => format.fen(v) } satisfies Column<T>,
    premium: {
      title: t('policies.premium'),
      dataIndex: 'premiumFen',
      align: 'right',
      render: (_, p) => (
        <Flex vertical align="flex-end">
          <span>{format.fen(p.premiumFen)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.paymentFrequency(p.paymentFrequency)}
          </Typography.Text>
        </Flex>
      ),
    } satisfies Column<T>,
  };
}
