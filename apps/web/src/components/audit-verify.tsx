import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuditVerification, useStartAuditVerification } from '../api/audit.ts';
import { useFormat } from '../format.ts';
import { ProblemAlert } from './problem-alert.tsx';
import { useCurrentUser } from './require-session.tsx';

/**
 * "Verify chain": asks the server to walk the audit hash chain (a job: a large trail takes minutes),
 * follows it, and shows whether every event is still linked to its predecessor (`data-ok` on the
 * result carries the outcome for browser tests).
 */
export function AuditVerify({ layout = 'vertical' }: { layout?: 'vertical' | 'horizontal' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const start = useStartAuditVerification();
  const followed = useAuditVerification(start.data?.id ?? null);
  const run = followed.data ?? start.data;
  const busy = start.isPending || run?.status === 'running' || run?.status === 'queued';
  const result = run?.status === 'done' ? run.result : null;
  // The chain covers every unit's events, so the server lets only head-office staff walk it.
  const atHeadOffice = useCurrentUser().orgUnitLevel === 'hq';

  return (
    <Flex vertical={layout === 'vertical'} gap={12} align={layout === 'vertical' ? 'stretch' : 'center'} wrap>
      <div>
        <Tooltip title={atHeadOffice ? undefined : t('audit.verifyHeadOfficeOnly')}>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={busy}
            disabled={!atHeadOffice}
            data-testid="audit-verify"
            onClick={() => start.mutate()}
          >
            {busy ? t('audit.verifying') : t('audit.verify')}
          </Button>
        </Tooltip>
      </div>
      {start.isError && <ProblemAlert error={start.error} />}
      {followed.isError && <ProblemAlert error={followed.error} />}
      {run?.status === 'failed' && <Alert type="error" showIcon title={t('audit.verifyFailed', { error: run.error ?? '' })} data-testid="audit-verify-failed" />}
      {result && run && (
        <div data-testid="audit-verify-result" data-ok={String(result.ok)}>
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            title={
              result.ok
                ? t('audit.verifyOk', { checked: format.number(result.checked) })
                : result.brokenAt !== null
                  ? t('audit.verifyBroken', { seq: result.brokenAt, reason: result.reason ?? '' })
                  : t('audit.verifyBrokenNoSeq', { reason: result.reason ?? '' })
            }
            description={run.finishedAt ? t('audit.verifiedAt', { time: format.dateTime(run.finishedAt) }) : undefined}
          />
        </div>
      )}
    </Flex>
  );
}
