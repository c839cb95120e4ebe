import type { TCustomer } from '@anxin/contracts';
import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCustomer } from '../../../api/customers.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { CustomerForm } from './components/customer-form.tsx';

/** New customer (`/customers/new`) or edit one (`/customers/:customerId/edit`). */
export function CustomerFormPage() {
  const { customerId } = useParams();
  const { t } = useTranslation();
  const customer = useCustomer(customerId);
  const editing = Boolean(customerId);

  let body: React.ReactNode;
  if (!editing) body = <CustomerForm />;
  else if (customer.isPending) body = <Skeleton active />;
  else if (customer.isError) body = <ProblemAlert error={customer.error} />;
  else body = <CustomerForm key={customer.data.version} customer={customer.data as TCustomer} />;

  return (
    <div data-testid="customer-form-page">
      <PageHeader
        title={editing ? t('customerForm.editTitle', { name: customer.data?.name ?? '' }) : t('customerForm.createTitle')}
        description={t('customerForm.description')}
      />
      <Card>{body}</Card>
    </div>
  );
}
