import type { TComplaintStatus } from '@anxin/contracts';
import { Tag } from 'antd';
import { useComplaintLabels } from './complaint-labels.ts';

const COLORS: Record<TComplaintStatus, string> = {
  received: 'blue',
  verified: 'geekblue',
  registered: 'cyan',
  handling: 'purple',
  decided: 'gold',
  reviewing: 'magenta',
  closed: 'green',
  withdrawn: 'default',
};

export function ComplaintStatusTag({ status, testId }: { status: TComplaintStatus; testId?: string }) {
  const labels = useComplaintLabels();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-value={status}>
      {labels.status(status)}
    </Tag>
  );
}
