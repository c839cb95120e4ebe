import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuditEvents } from '../../../api/audit.ts';
import { AuditVerify } from '../../../components/audit-verify.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { AuditFilterBar } from './components/audit-filter-bar.tsx';
import { AuditTable } from './components/audit-table.tsx';
import { apiParamsOf, searchFromState, stateFromSearch, type AuditListState } from './audit-list-params.ts';

export function AuditListPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = stateFromSearch(searchParams);
  const events = useAuditEvents(apiParamsOf(state));
  const setState = (next: AuditListState) => setSearchParams(searchFromState(next), { replace: true });

  return (
    <div data-testid="audit-page">
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void events.refetch()} loading={events.isFetching && !events.isPending}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <AuditVerify layout="horizontal" />
      </Card>
      <Card>
        <AuditFilterBar filters={state.filters} onSearch={(filters) => setState({ page: 1, pageSize: state.pageSize, filters })} />
        <Alert type="info" showIcon title={t('audit.notice')} style={{ marginBottom: 16 }} banner />
        {events.isError && <ProblemAlert error={events.error} style={{ marginBottom: 16 }} />}
        <AuditTable
          data={events.data}
          loading={events.isFetching}
          page={state.page}
          pageSize={state.pageSize}
          onPageChange={(page, pageSize) => setState({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize })}
        />
      </Card>
    </div>
  );
}
