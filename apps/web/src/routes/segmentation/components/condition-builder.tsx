import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TSegmentationField } from '@anxin/contracts';
import { Button, Col, Flex, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useActiveClusterRun } from '../../../api/clusters.ts';
import { fenToYuanText, parseYuanToFen } from '../../../format.ts';
import { initialValueOf, newDraft, type DraftCondition } from './condition-drafts.ts';
import { useSegmentationLabels, type ConditionValue, type TConditionOp } from './segmentation-labels.ts';
import { YuanInput } from './yuan-input.tsx';

const GROUP_ORDER: TSegmentationField['group'][] = ['metric', 'line', 'segment', 'profile', 'tag', 'attribute'];

interface ConditionBuilderProps {
  value: DraftCondition[];
  onChange: (drafts: DraftCondition[]) => void;
  fields: TSegmentationField[] | undefined;
  loading?: boolean;
  disabled?: boolean;
  /** Prefix of the data-testids (`${testId}-field-0`, …). */
  testId?: string;
}

/**
 * Builds a list of conditions joined by "and": a field (grouped as the API lists them), an operator
 * limited to the field's operators, and a value typed for the field (yuan for money, a choice for
 * enums and tags, a pair for between, a list for in).
 */
export function ConditionBuilder({ value, onChange, fields, loading, disabled, testId = 'condition' }: ConditionBuilderProps) {
  const { t } = useTranslation();
  const labels = useSegmentationLabels();
  const byName = new Map((fields ?? []).map((f) => [f.field, f]));

  const groups = GROUP_ORDER.map((group) => ({
    label: labels.fieldGroup(group),
    title: group,
    options: (fields ?? []).filter((f) => f.group === group).map((f) => ({ value: f.field, label: labels.field(f.field, f) })),
  })).filter((g) => g.options.length > 0);

  const update = (index: number, patch: Partial<DraftCondition>) => onChange(value.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  const chooseField = (index: number, name: string) => {
    const field = byName.get(name);
    const op = field?.ops[0] ?? null;
    update(index, { field: name, op, value: field && op ? initialValueOf(field, op) : null });
  };

  const chooseOp = (index: number, op: TConditionOp) => {
    const draft = value[index]!;
    const field = draft.field ? byName.get(draft.field) : undefined;
    const shapeChanges = (op === 'between') !== (draft.op === 'between') || (op === 'in') !== (draft.op === 'in');
    update(index, { op, value: shapeChanges && field ? initialValueOf(field, op) : draft.value });
  };

  return (
    <Flex vertical gap={8} data-testid={`${testId}-builder`}>
      {value.length === 0 && <Typography.Text type="secondary">{t('segmentation.builder.empty')}</Typography.Text>}
      {value.map((draft, index) => {
        const field = draft.field ? byName.get(draft.field) : undefined;
        return (
          <div key={draft.key}>
            {index > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('segmentation.builder.and')}
              </Typography.Text>
            )}
            <Row gutter={[8, 8]} align="middle" data-testid={`${testId}-row-${index}`}>
              <Col xs={24} md={9}>
                <Select
                  style={{ width: '100%' }}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('segmentation.builder.field')}
                  aria-label={t('segmentation.builder.field')}
                  loading={loading}
                  disabled={disabled}
                  value={draft.field ?? undefined}
                  options={groups}
                  onChange={(name: string) => chooseField(index, name)}
                  data-testid={`${testId}-field-${index}`}
                />
              </Col>
              <Col xs={10} md={5}>
                <Select<TConditionOp>
                  style={{ width: '100%' }}
                  placeholder={t('segmentation.builder.op')}
                  aria-label={t('segmentation.builder.op')}
                  disabled={disabled || !field}
                  value={draft.op ?? undefined}
                  options={(field?.ops ?? []).map((op) => ({ value: op, label: labels.op(op) }))}
                  onChange={(op) => chooseOp(index, op)}
                  data-testid={`${testId}-op-${index}`}
                />
              </Col>
              <Col xs={12} md={9}>
                {field && draft.op ? (
                  <ValueInput field={field} op={draft.op} value={draft.value} onChange={(v) => update(index, { value: v })} disabled={disabled} testId={`${testId}-value-${index}`} />
                ) : (
                  <Input disabled placeholder={t('segmentation.builder.value')} aria-label={t('segmentation.builder.value')} />
                )}
              </Col>
              <Col xs={2} md={1}>
                {!disabled && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('segmentation.builder.remove')}
                    onClick={() => onChange(value.filter((_, i) => i !== index))}
                    data-testid={`${testId}-remove-${index}`}
                  />
                )}
              </Col>
            </Row>
          </div>
        );
      })}
      {!disabled && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => onChange([...value, newDraft()])} disabled={value.length >= 20} data-testid={`${testId}-add`}>
            {t('segmentation.builder.add')}
          </Button>
        </div>
      )}
    </Flex>
  );
}

type Scalar = number | string;

function ValueInput({
  field,
  op,
  value,
  onChange,
  disabled,
  testId,
}: {
  field: TSegmentationField;
  op: TConditionOp;
  value: ConditionValue | null;
  onChange: (value: ConditionValue | null) => void;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const labels = useSegmentationLabels();
  const valueLabel = t('segmentation.builder.value');
  const numeric = field.type === 'number' || field.type === 'percent' || field.type === 'money';

  if (field.type === 'enum' || field.type === 'tag') {
    const options = (field.values ?? []).map((v) => ({ value: v, label: labels.value(field.field, v) }));
    return (
      <Select
        style={{ width: '100%' }}
        mode={op === 'in' ? 'multiple' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('segmentation.builder.choose')}
        aria-label={valueLabel}
        disabled={disabled}
        value={(value ?? undefined) as string | string[] | undefined}
        options={options}
        onChange={(v: string | string[]) => onChange(v)}
        data-testid={testId}
      />
    );
  }

  if (field.type === 'boolean') {
    return (
      <Select<'true' | 'false'>
        style={{ width: '100%' }}
        aria-label={valueLabel}
        disabled={disabled}
        value={typeof value === 'boolean' ? (String(value) as 'true' | 'false') : undefined}
        options={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
        onChange={(v) => onChange(v === 'true')}
        data-testid={testId}
      />
    );
  }

  if (field.field === 'cluster_no' && (op === '=' || op === '!=' || op === 'in')) {
    return <ClusterInput multiple={op === 'in'} value={value} onChange={onChange} disabled={disabled} ariaLabel={valueLabel} testId={testId} />;
  }

  if (op === 'in') {
    const list = Array.isArray(value) ? value : [];
    return (
      <Select
        style={{ width: '100%' }}
        mode="tags"
        placeholder={t('segmentation.builder.values')}
        aria-label={valueLabel}
        disabled={disabled}
        open={false}
        value={list.map((v) => (field.type === 'money' && typeof v === 'number' ? fenToYuanText(v) : String(v)))}
        onChange={(texts: string[]) => {
          const parsed: Scalar[] = [];
          for (const text of texts) {
            if (!numeric) parsed.push(text);
            else {
              const number = field.type === 'money' ? parseYuanToFen(text) : Number(text);
              if (number !== null && Number.isFinite(number)) parsed.push(number);
            }
          }
          onChange(parsed);
        }}
        data-testid={testId}
      />
    );
  }

  if (op === 'between') {
    const pair = Array.isArray(value) ? value : [];
    const at = (i: number) => (typeof pair[i] === 'number' ? (pair[i] as number) : null);
    const set = (i: number, n: number | null) => {
      const next: (number | null)[] = [at(0), at(1)];
      next[i] = n;
      const [from, to] = next;
      // An incomplete pair keeps '' in the gap, so the condition counts as unfinished.
      onChange(typeof from === 'number' && typeof to === 'number' ? [from, to] : next.map((v): Scalar => v ?? ''));
    };
    return (
      <Flex gap={4} align="center">
        <NumberInput field={field} value={at(0)} onChange={(n) => set(0, n)} disabled={disabled} ariaLabel={t('segmentation.builder.from')} testId={`${testId}-from`} />
        <span aria-hidden>–</span>
        <NumberInput field={field} value={at(1)} onChange={(n) => set(1, n)} disabled={disabled} ariaLabel={t('segmentation.builder.to')} testId={`${testId}-to`} />
      </Flex>
    );
  }

  if (numeric) {
    return <NumberInput field={field} value={typeof value === 'number' ? value : null} onChange={onChange} disabled={disabled} ariaLabel={valueLabel} testId={testId} />;
  }

  return (
    <Input
      aria-label={valueLabel}
      disabled={disabled}
      value={typeof value === 'string' ? value : ''}
      maxLength={200}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      data-testid={testId}
    />
  );
}

function NumberInput({
  field,
  value,
  onChange,
  disabled,
  ariaLabel,
  testId,
}: {
  field: TSegmentationField;
  value: number | null;
  onChange: (value: number | null) => void;
  disabled?: boolean;
  ariaLabel: string;
  testId: string;
}) {
  if (field.type === 'money') return <YuanInput value={value} onChange={onChange} disabled={disabled} aria-label={ariaLabel} data-testid={testId} />;
  return (
    <InputNumber<number>
      style={{ width: '100%' }}
      value={value}
      onChange={(n) => onChange(typeof n === 'number' ? n : null)}
      disabled={disabled}
      suffix={field.type === 'percent' ? '%' : undefined}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}

/**
 * A cluster of the active clustering, by its number as the cluster page shows it (1-based) and its
 * name; the condition keeps the stored 0-based number.
 */
function ClusterInput({
  multiple,
  value,
  onChange,
  disabled,
  ariaLabel,
  testId,
}: {
  multiple: boolean;
  value: ConditionValue | null;
  onChange: (value: ConditionValue | null) => void;
  disabled?: boolean;
  ariaLabel: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const run = useActiveClusterRun();
  const options = (run.data?.clusters ?? []).map((c) => ({
    value: c.no,
    label: `${t('segmentation.clusters.clusterNo', { no: c.no + 1 })} · ${c.name ?? (i18n.language.startsWith('en') ? c.suggestedName.en : c.suggestedName.zh)}`,
  }));
  return (
    <Select<number | number[]>
      style={{ width: '100%' }}
      mode={multiple ? 'multiple' : undefined}
      loading={run.isPending}
      placeholder={t('segmentation.builder.choose')}
      aria-label={ariaLabel}
      disabled={disabled}
      value={(multiple ? (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []) : typeof value === 'number' ? value : undefined) as number | number[] | undefined}
      options={options}
      onChange={(v) => onChange(v)}
      data-testid={testId}
    />
  );
}
