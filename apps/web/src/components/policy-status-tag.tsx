import type { TPolicyStatus } from '@anxin/contracts';
import { Tag } from 'antd';
import { useLabels } from '../i18n/labels.ts';

const STATUS_COLORS: Record<TPolicyStatus, string> = {
  pending: 'blue',
  in_force: 'green',
  lapsed: 'orange',
  surrendered: 'purple',
  expired: 'default',
  cancelled: 'red',
};

/** A policy's status as a coloured tag. */
export function PolicyStatusTag({ status }: { status: TPolicyStatus }) {
  const labels = useLabels();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-value={status}>
      {labels.policyStatus(status)}
    </Tag>
  );
}
