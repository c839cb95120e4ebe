import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TImportJob, TImportMode } from '@anxin/contracts';
import type { UseMutationResult } from '@tanstack/react-query';
import { Alert, Button, Col, Flex, Progress, Radio, Result, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, type ApiErrorCode } from '../../../../api/client.ts';
import { isImportRunning, useDownloadImportErrors, useImportDryRun } from '../../../../api/imports.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { useImportFieldLabel } from '../import-labels.ts';
import { ImportErrorTable } from './import-error-table.tsx';

type CommitMutation = UseMutationResult<TImportJob, Error, { id: string; mode: TImportMode }>;

/**
 * Steps 3–4: the dry run with its progress, its counts and every bad row, the choice of commit mode,
 * the commit with its progress, and the outcome. Both runs go on on the server (the page may be left
 * and opened again); why the last one did not finish is shown from the job. Rows in = rows written +
 * rows reported, and the counts say so.
 */
export function ImportCommitPanel({ job, commit }: { job: TImportJob; commit: CommitMutation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dryRun = useImportDryRun();
  const download = useDownloadImportErrors();
  const labels = useLabels();
  const fieldLabel = useImportFieldLabel();
  // The error report as the table shows it, in the reader's language; the error code last, for support.
  const downloadErrors = () =>
    download.mutate({
      job,
      fileName: t('imports.errorReportFile', { name: job.fileName.replace(/\.[^.]+$/, '') }),
      header: [t('imports.errorRow'), t('imports.errorColumn'), t('imports.errorField'), t('imports.errorValue'), t('imports.errorReason'), t('imports.errorCode')],
      row: (e) => [e.rowNumber, e.column ?? t('imports.wholeRow'), e.field ? fieldLabel(e.field) : '', e.value ?? '', labels.fieldProblem(e), e.code],
    });
  const [mode, setMode] = useState<TImportMode>(job.rowsInvalid > 0 ? 'valid' : 'all');
  const running = commit.isPending || dryRun.isPending || isImportRunning(job);
  const finished = job.status === 'committed' || job.status === 'failed' || job.status === 'cancelled';
  const percent = job.rowsTotal > 0 ? Math.floor((job.rowsProcessed / job.rowsTotal) * 100) : 0;

  return (
    <div data-testid="import-results" data-status={job.status}>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={8}>
          <Statistic title={t('imports.rowsTotal')} value={format.number(job.rowsTotal)} data-testid="import-count-total" />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imports.rowsValid')} value={format.number(job.rowsValid)} styles={{ content: { color: '#389e0d' } }} data-testid="import-count-valid" />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('imports.rowsInvalid')}
            value={format.number(job.rowsInvalid)}
            styles={{ content: { color: job.rowsInvalid > 0 ? '#cf1322' : undefined } }}
            data-testid="import-count-invalid"
          />
        </Col>
      </Row>

      {isImportRunning(job) && (
        <div style={{ marginBottom: 16 }} data-testid="import-progress">
          <Typography.Text>
            {t(job.status === 'validating' ? 'imports.validating' : 'imports.committing', { done: format.number(job.rowsProcessed), total: format.number(job.rowsTotal) })}
          </Typography.Text>
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('imports.runsInBackground')}
          </Typography.Text>
        </div>
      )}

      {job.status === 'committed' && (
        <Result
          status={job.rowsInvalid > 0 ? 'warning' : 'success'}
          title={t('imports.committedTitle')}
          subTitle={t('imports.committedSummary', {
            created: format.number(job.rowsCreated),
            updated: format.number(job.rowsUpdated),
            skipped: format.number(job.rowsSkipped),
            invalid: format.number(job.rowsInvalid),
          })}
          extra={
            job.kind === 'policies' ? (
              <Link to="/policies">{t('imports.openPolicies')}</Link>
            ) : (
              <Link to="/customers" data-testid="import-open-customers">
                {t('imports.openCustomers')}
              </Link>
            )
          }
          data-testid="import-committed"
          style={{ padding: '8px 0 16px' }}
        />
      )}
      {job.status === 'failed' && <Alert type="error" showIcon title={t('imports.failed')} style={{ marginBottom: 16 }} data-testid="import-failed" />}
      {job.error && (
        <ProblemAlert error={new ApiError(0, { code: job.error.code as ApiErrorCode, detail: job.error.message })} style={{ marginBottom: 16 }} testId="import-run-error" />
      )}
      {job.status === 'cancelled' && <Alert type="info" showIcon title={t('imports.cancelled')} style={{ marginBottom: 16 }} />}
      {commit.isError && <ProblemAlert error={commit.error} style={{ marginBottom: 16 }} testId="import-commit-error" />}
      {dryRun.isError && <ProblemAlert error={dryRun.error} style={{ marginBottom: 16 }} />}
      {download.isError && <ProblemAlert error={download.error} style={{ marginBottom: 16 }} />}

      {job.rowsInvalid > 0 && (
        <>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('imports.errorsTitle', { count: job.rowsInvalid })}
            </Typography.Title>
            <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={downloadErrors} data-testid="import-download-errors">
              {t('imports.downloadErrors')}
            </Button>
          </Flex>
          <ImportErrorTable jobId={job.id} version={job.validatedAt ?? job.updatedAt} />
        </>
      )}

      {job.status === 'failed' && !running && (
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button icon={<ReloadOutlined />} onClick={() => dryRun.mutate({ id: job.id })} data-testid="import-dry-run-again">
            {t('imports.runDryRunAgain')}
          </Button>
        </Flex>
      )}
      {job.status === 'validated' && !running && (
        <Flex vertical gap={12} style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('imports.modeTitle')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as TImportMode)} data-testid="import-mode">
            <Flex vertical gap={8}>
              <Radio value="all" data-testid="import-mode-all">
                {t('imports.modeAll')}
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t('imports.modeAllHelp')}
                </Typography.Text>
              </Radio>
              <Radio value="valid" data-testid="import-mode-valid">
                {t('imports.modeValid')}
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t('imports.modeValidHelp', { valid: format.number(job.rowsValid), invalid: format.number(job.rowsInvalid) })}
                </Typography.Text>
              </Radio>
            </Flex>
          </Radio.Group>
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} loading={dryRun.isPending} onClick={() => dryRun.mutate({ id: job.id })} data-testid="import-dry-run-again">
              {t('imports.runDryRunAgain')}
            </Button>
            <Button
              type="primary"
              disabled={(mode === 'all' && job.rowsInvalid > 0) || (mode === 'valid' && job.rowsValid === 0)}
              onClick={() => commit.mutate({ id: job.id, mode })}
              data-testid="import-commit"
            >
              {t('imports.commit')}
            </Button>
          </Flex>
        </Flex>
      )}
      {finished && job.finishedAt && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
          {t('imports.finishedAt', { time: format.dateTime(job.finishedAt) })}
        </Typography.Text>
      )}
    </div>
  );
}
