import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVerifyAuditChain } from '../api/audit.ts';
import { useFormat } from '../format.ts';
import { ProblemAlert } from './problem-alert.tsx';
import { useCurrentUser } from './require-session.tsx';

/**
 * "Verify chain": asks the server to walk the audit hash chain and shows whether every event is
 * still linked to its predecessor (`data-ok` on the result carries the outcome for browser tests).
 */
export function AuditVerify({ layout = 'vertical' }: { layout?: 'vertical' | 'horizontal' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useVerifyAuditChain();
  const [verifiedAt, setVerifiedAt] = useState<Date | null>(null);
  const result = verify.data;
  // The chain covers every unit's events, so the server lets only head-office staff walk it.
  const atHeadOffice = useCurrentUser().orgUnitLevel === 'hq';

  return (
    <Flex vertical={layout === 'vertical'} gap={12} align={layout === 'vertical' ? 'stretch' : 'center'} wrap>
      <div>
        <Tooltip title={atHeadOffice ? undefined : t('audit.verifyHeadOfficeOnly')}>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            disabled={!atHeadOffice}
            data-testid="audit-verify"
            onClick={() => verify.mutate(undefined, { onSuccess: () => setVerifiedAt(new Date()) })}
          >
            {verify.isPending ? t('audit.verifying') : t('audit.verify')}
          </Button>
        </Tooltip>
      </div>
      {verify.isError && <ProblemAlert error={verify.error} />}
      {result && !verify.isPending && (
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
            description={verifiedAt ? t('audit.verifiedAt', { time: format.dateTime(verifiedAt) }) : undefined}
          />
        </div>
      )}
    </Flex>
  );
}
