import type { TLifecycleStage, TTier } from '@anxin/contracts';
import { Tag } from 'antd';
import { useLabels } from '../i18n/labels.ts';

const STAGE_COLORS: Record<TLifecycleStage, string> = { prospect: 'blue', active: 'green', lapsed: 'orange', former: 'default' };
const TIER_COLORS: Record<TTier, string> = { platinum: 'purple', gold: 'gold', silver: 'geekblue', standard: 'default' };

/** A customer's lifecycle stage as a coloured tag. */
export function StageTag({ stage, testId }: { stage: TLifecycleStage; testId?: string }) {
  const labels = useLabels();
  return (
    <Tag color={STAGE_COLORS[stage]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-value={stage}>
      {labels.stage(stage)}
    </Tag>
  );
}

/** A customer's tier (铂金/黄金/白银/普通) as a coloured tag. */
export function TierTag({ tier, testId }: { tier: TTier; testId?: string }) {
  const labels = useLabels();
  return (
    <Tag color={TIER_COLORS[tier]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-value={tier}>
      {labels.tier(tier)}
    </Tag>
  );
}
