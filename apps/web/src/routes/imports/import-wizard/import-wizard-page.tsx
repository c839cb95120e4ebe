import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isImportRunning, useCommitImport, useImport, useRefreshAfterImportRun } from '../../../api/imports.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { useWhenFinished } from '../../../components/use-when-finished.ts';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { ImportCommitPanel } from './components/import-commit-panel.tsx';
import { ImportHistoryCard } from './components/import-history-card.tsx';
import { ImportMappingEditor } from './components/import-mapping-editor.tsx';
import { ImportUploadForm } from './components/import-upload-form.tsx';

type Step = 0 | 1 | 2 | 3;

/**
 * Import of customers, relationships and policies from CSV/XLSX: upload → map columns → dry run
 * (every bad row listed) → commit (all-or-nothing or valid rows only) with progress. The open job
 * lives in the URL (`?job=`), so a reload or a link returns to the same import.
 */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const jobId = searchParams.get('job') ?? undefined;
  const commit = useCommitImport();
  // The dry run and the commit answer at once; the job is polled while they run on the server.
  const job = useImport(jobId);
  const openJob = (id: string | undefined) => {
    commit.reset();
    setSearchParams(id ? { job: id } : {}, { replace: false });
  };

  const current = job.data;
  const status = current?.status;
  const step: Step = !jobId ? 0 : status === 'uploaded' ? 1 : status === 'validating' || status === 'validated' ? 2 : 3;

  // When a run seen running has finished, what it changed is read again (row errors, history, customers).
  useWhenFinished(current, isImportRunning, useRefreshAfterImportRun());

  return (
    <div data-testid="import-page">
      <PageHeader
        title={t('imports.title')}
        description={t('imports.description')}
        extra={
          jobId && (
            <Button icon={<PlusOutlined />} onClick={() => openJob(undefined)} data-testid="import-new">
              {t('imports.newImport')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card>
            <Steps
              current={step}
              size="small"
              style={{ marginBottom: 24 }}
              items={[{ title: t('imports.stepUpload') }, { title: t('imports.stepMapping') }, { title: t('imports.stepDryRun') }, { title: t('imports.stepCommit') }]}
            />
            {!jobId && <ImportUploadForm onUploaded={(id) => openJob(id)} />}
            {jobId && job.isPending && <Skeleton active />}
            {jobId && job.isError && <ProblemAlert error={job.error} />}
            {current && step === 1 && <ImportMappingEditor job={current} />}
            {/* Keyed by the dry run it shows: the commit mode starts from that run's counts (valid rows only when some are bad). */}
            {current && step >= 2 && <ImportCommitPanel key={`${current.id}:${current.validatedAt ?? ''}`} job={current} commit={commit} />}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <ImportHistoryCard selectedId={jobId} onOpen={openJob} />
        </Col>
      </Row>
    </div>
  );
}
