import type { TClaimStatus } from '@anxin/contracts';
import { Tag } from 'antd';
import { useLabels } from '../i18n/labels.ts';

const STATUS_COLORS: Record<TClaimStatus, string> = {
  reported: 'blue',
  registered: 'geekblue',
  assessing: 'cyan',
  documents_pending: 'orange',
  adjusting: 'purple',
  approving: 'gold',
  paying: 'lime',
  closed: 'green',
  denied: 'red',
  withdrawn: 'default',
  reopened: 'magenta',
};

/** A claim's workflow status as a coloured tag. */
export function ClaimStatusTag({ status, testId }: { status: TClaimStatus; testId?: string }) {
  const labels = useLabels();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-value={status}>
      {labels.claimStatus(status)}
    </Tag>
  );
}
