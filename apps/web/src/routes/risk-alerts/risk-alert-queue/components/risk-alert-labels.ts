import type { TRiskAlert } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';
import type { TRiskAlertDecision, TRiskAlertKind } from '../../../../api/risk-alerts.ts';
import { useFormat } from '../../../../format.ts';

export const RISK_ALERT_STATUS_COLORS = { open: 'red', in_review: 'orange', closed: 'default' } as const;
export const RISK_ALERT_KIND_COLORS = { multi_claim: 'volcano', high_loss_ratio: 'magenta' } as const;

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Names of the alert enumerations and the figures that raised an alert, in words. */
export function useRiskAlertLabels() {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    kind: (kind: TRiskAlertKind) => t(`riskAlerts.kinds.${kind}`),
    status: (status: TRiskAlert['status']) => t(`riskAlerts.statuses.${status}`),
    decision: (decision: TRiskAlertDecision) => t(`riskAlerts.decisions.${decision}`),
    /** "4 claims in 12 months", "loss ratio 135.2 % over 3 years (paid ¥… / earned ¥…)"; unknown shapes as key: value. */
    figures: (alert: Pick<TRiskAlert, 'kind' | 'figures'>): string => {
      const f = alert.figures;
      if (alert.kind === 'multi_claim' && num(f.claims) !== null && num(f.months) !== null) {
        return t('riskAlerts.multiClaimFigures', { claims: format.number(num(f.claims)), months: format.number(num(f.months)) });
      }
      const ratio = num(f.lossRatioPct);
      if (alert.kind === 'high_loss_ratio' && ratio !== null) {
        return t('riskAlerts.lossRatioFigures', {
          ratio: format.percent(ratio / 100),
          years: format.number(num(f.years)),
          paid: format.fen(num(f.paidFen)),
          earned: format.fen(num(f.earnedFen)),
        });
      }
      return Object.entries(f)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(', ');
    },
  };
}
