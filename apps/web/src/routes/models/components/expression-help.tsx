import { Button, Collapse, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type ExampleKey = 'exampleChurn' | 'exampleMedical' | 'exampleSmoker' | 'exampleLifeGap' | 'exampleAnnuity';

/** Examples of the expression language; targets name an event, populations narrow the customers. */
const EXAMPLES: readonly { key: ExampleKey; expression: string; use: 'target' | 'where' }[] = [
  { key: 'exampleChurn', expression: 'lapsed_within(12)', use: 'target' },
  { key: 'exampleMedical', expression: "holds('medical')", use: 'target' },
  { key: 'exampleSmoker', expression: 'attr.smoker', use: 'target' },
  { key: 'exampleLifeGap', expression: 'age >= 40 and line.life = 0', use: 'where' },
  { key: 'exampleAnnuity', expression: "not holds('annuity') and annual_premium_fen > 1000000", use: 'where' },
];

/**
 * A short help on the model expression language, with examples that fill the target or the
 * population field when clicked (`onUse` receives which field and the expression).
 */
export function ExpressionHelp({
  onUse,
  whereOnly = false,
  defaultOpen = false,
}: {
  onUse?: (field: 'target' | 'where', expression: string) => void;
  /** Every example fills the population (when scoring there is no target). */
  whereOnly?: boolean;
  defaultOpen?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Collapse
      size="small"
      defaultActiveKey={defaultOpen ? ['help'] : []}
      data-testid="model-expression-help"
      items={[
        {
          key: 'help',
          label: t('models.syntaxTitle'),
          children: (
            <Flex vertical gap={8}>
              <Typography.Text style={{ fontSize: 13 }}>{t('models.syntaxFunctions')}</Typography.Text>
              <Typography.Text style={{ fontSize: 13 }}>{t('models.syntaxFields')}</Typography.Text>
              <Typography.Text style={{ fontSize: 13 }}>{t('models.syntaxOperators')}</Typography.Text>
              <Typography.Text strong style={{ fontSize: 13 }}>
                {t('models.examplesTitle')}
              </Typography.Text>
              {EXAMPLES.map((example) => (
                <Flex key={example.key} gap={8} align="center" wrap>
                  <Typography.Text code copyable={!onUse}>
                    {example.expression}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`models.${example.key}`)}
                  </Typography.Text>
                  {onUse && (
                    <Button size="small" type="link" onClick={() => onUse(whereOnly ? 'where' : example.use, example.expression)} data-testid={`model-example-${example.key}`}>
                      {example.use === 'target' && !whereOnly ? t('models.useAsTarget') : t('models.useAsWhere')}
                    </Button>
                  )}
                </Flex>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}
