import type { TCustomer360 } from '@anxin/contracts';
import { Descriptions, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAttributeLabel } from '../../../../api/customer-attributes.ts';
import { useAttributeValueText } from '../../../../components/attribute-input.tsx';
import { TagReason } from './customer-insight/tag-reason.tsx';

const DIMENSION_COLORS = { risk: 'red', value: 'gold', need: 'blue' } as const;

/** Three-dimensional tags (risk, value, need) with their reasons, and the custom attributes. */
export function TagsAttributesCard({ view }: { view: TCustomer360 }) {
  const { t } = useTranslation();
  const attributeLabel = useAttributeLabel();
  const valueText = useAttributeValueText();
  return (
    <Flex vertical gap={16} data-testid="customer-tags-attributes">
      <div>
        <Typography.Title level={5}>{t('customer360.tags')}</Typography.Title>
        {view.tags.length === 0 ? (
          <Typography.Text type="secondary">{t('customer360.noTags')}</Typography.Text>
        ) : (
          <Flex gap={6} wrap>
            {view.tags.map((tag) => (
              <Tooltip key={`${tag.dimension}:${tag.name}`} title={<TagReason tag={tag} />}>
                <Tag color={DIMENSION_COLORS[tag.dimension]} data-testid="customer-tag">
                  {t(`customer360.tagDimensions.${tag.dimension}`)} · {t(`customer360.tagNames.${tag.name}`, { defaultValue: tag.name })}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        )}
      </div>
      <div>
        <Typography.Title level={5}>{t('customer360.attributes')}</Typography.Title>
        {view.attributes.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.noAttributes')} />
        ) : (
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={view.attributes.map((entry) => ({
              key: entry.definition.key,
              label: attributeLabel.of(entry.definition),
              children: <span data-testid={`customer-attribute-${entry.definition.key}`}>{valueText(entry.definition, entry.value)}</span>,
            }))}
          />
        )}
      </div>
    </Flex>
  );
}
