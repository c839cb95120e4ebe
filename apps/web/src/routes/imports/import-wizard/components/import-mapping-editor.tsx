import { SaveOutlined } from '@ant-design/icons';
import { IMPORT_FIELDS, IMPORT_REQUIRED_FIELDS, type TImportJob, type TImportMapping } from '@anxin/contracts';
import { Alert, App, Button, Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerAttributes } from '../../../../api/customer-attributes.ts';
import { useCancelImport, useImportDryRun, useSaveImportMapping } from '../../../../api/imports.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useImportFieldLabel } from '../import-labels.ts';

const IGNORE = '';

/**
 * Step 2: which field each column of the file fills. Starts from the server's suggestion (the
 * source's saved mapping, else matching header names); the user corrects it, may save it for the
 * source, and runs the dry run with it.
 */
export function ImportMappingEditor({ job }: { job: TImportJob }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fieldLabel = useImportFieldLabel();
  const attributes = useCustomerAttributes({ enabled: job.kind === 'customers' });
  const dryRun = useImportDryRun();
  const save = useSaveImportMapping();
  const cancel = useCancelImport();
  const [mapping, setMapping] = useState<TImportMapping>(job.mapping);
  const [source, setSource] = useState(job.source ?? '');

  const fieldOptions = useMemo(() => {
    const fields: string[] = [...IMPORT_FIELDS[job.kind]];
    if (job.kind === 'customers') for (const a of attributes.data ?? []) fields.push(`attributes.${a.key}`);
    return [{ value: IGNORE, label: t('imports.ignoreColumn') }, ...fields.map((f) => ({ value: f, label: fieldLabel(f) }))];
  }, [job.kind, attributes.data, fieldLabel, t]);

  const mapped = new Set(Object.values(mapping));
  const missing = (IMPORT_REQUIRED_FIELDS[job.kind] as readonly string[]).filter((f) => !mapped.has(f));
  const duplicated = [...mapped].filter((f) => Object.values(mapping).filter((v) => v === f).length > 1);

  const setColumn = (column: string, field: string) =>
    setMapping((current) => {
      const next = { ...current };
      if (field === IGNORE) delete next[column];
      else next[column] = field;
      return next;
    });

  const columns: TableColumnsType<{ header: string; index: number }> = [
    { title: t('imports.sourceColumn'), dataIndex: 'header', render: (header: string) => <Typography.Text code>{header}</Typography.Text> },
    {
      title: t('imports.targetField'),
      key: 'field',
      width: '55%',
      render: (_, row) => (
        <Select
          style={{ width: '100%' }}
          value={mapping[row.header] ?? IGNORE}
          onChange={(field) => setColumn(row.header, field)}
          options={fieldOptions}
          showSearch={{ optionFilterProp: ['label', 'value'] }}
          status={duplicated.includes(mapping[row.header] ?? IGNORE) ? 'error' : undefined}
          data-testid={`import-mapping-${row.index}`}
        />
      ),
    },
  ];

  return (
    <div data-testid="import-mapping">
      <Typography.Paragraph>
        {t('imports.mappingIntro', { file: job.fileName, rows: job.rowsTotal })} <Tag>{t(`imports.kinds.${job.kind}`)}</Tag>
      </Typography.Paragraph>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="import-missing-fields"
          title={t('imports.missingRequired', { fields: missing.map(fieldLabel).join(t('imports.listSeparator')) })}
        />
      )}
      {duplicated.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('imports.duplicateFields', { fields: duplicated.map(fieldLabel).join(t('imports.listSeparator')) })} />}
      {dryRun.isError && <ProblemAlert error={dryRun.error} style={{ marginBottom: 16 }} />}
      {save.isError && <ProblemAlert error={save.error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="header"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={job.headers.map((header, index) => ({ header, index }))}
        style={{ marginBottom: 16 }}
      />
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <Input value={source} onChange={(e) => setSource(e.target.value)} placeholder={t('imports.sourcePlaceholder')} maxLength={100} style={{ width: 200 }} data-testid="import-mapping-source" />
          <Button
            icon={<SaveOutlined />}
            disabled={!source.trim()}
            loading={save.isPending}
            onClick={() =>
              save.mutate({ kind: job.kind, source: source.trim(), mapping }, { onSuccess: () => void message.success(t('imports.mappingSaved', { source: source.trim() })) })
            }
            data-testid="import-mapping-save"
          >
            {t('imports.saveMapping')}
          </Button>
        </Flex>
        <Flex gap={8}>
          <Button danger loading={cancel.isPending} onClick={() => cancel.mutate(job.id)} data-testid="import-cancel">
            {t('imports.cancelImport')}
          </Button>
          <Button
            type="primary"
            disabled={missing.length > 0 || duplicated.length > 0}
            loading={dryRun.isPending}
            onClick={() => dryRun.mutate({ id: job.id, mapping })}
            data-testid="import-dry-run"
          >
            {t('imports.runDryRun')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
