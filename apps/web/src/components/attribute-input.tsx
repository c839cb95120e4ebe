import type { TAttributeDefinition } from '@anxin/contracts';
import { Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAttributeLabel } from '../api/customer-attributes.ts';
import { DateInput } from './date-input.tsx';

type AttributeValue = string | number | boolean | null | undefined;

interface AttributeInputProps {
  definition: TAttributeDefinition;
  value?: AttributeValue;
  onChange?: (value: AttributeValue) => void;
  id?: string;
}

/** The input for one custom attribute, fitted to its type (text, number, date, yes/no, options). */
export function AttributeInput({ definition, value, onChange, id }: AttributeInputProps) {
  const { t } = useTranslation();
  const label = useAttributeLabel();
  const testId = `attribute-input-${definition.key}`;
  switch (definition.type) {
    case 'number':
      return <InputNumber id={id} value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(v ?? null)} style={{ width: '100%' }} data-testid={testId} />;
    case 'date':
      return <DateInput id={id} value={typeof value === 'string' ? value : null} onChange={(v) => onChange?.(v ?? null)} testId={testId} />;
    case 'boolean':
      return (
        <Select
          id={id}
          allowClear={!definition.required}
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v) => onChange?.(v === undefined ? null : v === 'true')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          data-testid={testId}
        />
      );
    case 'enum':
      return (
        <Select
          id={id}
          allowClear={!definition.required}
          value={typeof value === 'string' ? value : undefined}
          onChange={(v) => onChange?.(v ?? null)}
          options={definition.options.map((o) => ({ value: o.value, label: label.option(definition, o.value) }))}
          data-testid={testId}
        />
      );
    default:
      return <Input id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange?.(e.target.value)} maxLength={500} data-testid={testId} />;
  }
}

/** An attribute value as text for reading (enum labels, yes/no, `—` when unset). */
export function useAttributeValueText() {
  const { t } = useTranslation();
  const label = useAttributeLabel();
  return (definition: TAttributeDefinition, value: AttributeValue) => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (definition.type === 'boolean') return value ? t('common.yes') : t('common.no');
    if (definition.type === 'enum') return label.option(definition, String(value));
    return String(value);
  };
}
