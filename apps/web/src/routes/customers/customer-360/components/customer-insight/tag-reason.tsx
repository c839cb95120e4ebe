import { AUTOMATION_RULES, type TAutomationRuleCode, type TCustomerTag } from '@anxin/contracts';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServiceLabels } from '../../../../../components/service-labels.ts';
import { useInsightLabels } from './insight-labels.ts';

const isRuleCode = (code: string): code is TAutomationRuleCode => (AUTOMATION_RULES as readonly string[]).includes(code);

/**
 * Why a tag applies: the facts of its tag rule (field, the customer's value, the condition) when the
 * tag carries them, else its reason text; and what set it.
 */
export function TagReason({ tag }: { tag: TCustomerTag }) {
  const { t } = useTranslation();
  const insight = useInsightLabels();
  const service = useServiceLabels();
  const ruleOf = (code: string) => (isRuleCode(code) ? service.ruleName(code) : code);
  const source = tag.source === 'tag_rule' ? t('customerInsight.sourceTagRule') : tag.source.startsWith('rule:') ? t('customerInsight.sourceRule', { rule: ruleOf(tag.source.slice(5)) }) : null;
  return (
    <div data-testid="customer-tag-reason">
      {tag.facts.length > 0 ? (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {tag.facts.map((fact, i) => (
            <li key={`${fact.field}:${i}`} data-testid="customer-tag-fact">
              {insight.factLine(fact)}
            </li>
          ))}
        </ul>
      ) : (
        <div>{tag.reason}</div>
      )}
      {source && (
        <Typography.Text style={{ fontSize: 12, color: 'inherit', opacity: 0.75 }}>{source}</Typography.Text>
      )}
    </div>
  );
}
