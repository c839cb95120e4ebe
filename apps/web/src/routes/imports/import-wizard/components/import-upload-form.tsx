import { InboxOutlined } from '@ant-design/icons';
import { IMPORT_KINDS, IMPORT_MAX_FILE_BYTES, type TImportKind } from '@anxin/contracts';
import { AutoComplete, Button, Col, Form, Radio, Row, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileToBase64 } from '../../../../api/client.ts';
import { useCreateImport, useImportMappings } from '../../../../api/imports.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';

interface UploadValues {
  kind: TImportKind;
  source?: string;
}

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: what is imported, from which source system, and the file itself. */
export function ImportUploadForm({ onUploaded }: { onUploaded: (jobId: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [form] = Form.useForm<UploadValues>();
  const kind = Form.useWatch('kind', form) ?? 'customers';
  const mappings = useImportMappings(kind);
  const create = useCreateImport();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const onFinish = async (values: UploadValues) => {
    if (!file) {
      setFileProblem(t('imports.fileRequired'));
      return;
    }
    setReading(true);
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } finally {
      setReading(false);
    }
    create.mutate(
      { kind: values.kind, fileName: file.name, contentBase64, source: values.source?.trim() || undefined },
      { onSuccess: (created) => onUploaded(created.job.id) },
    );
  };

  return (
    <Form<UploadValues> form={form} layout="vertical" initialValues={{ kind: 'customers' }} onFinish={(v) => void onFinish(v)} data-testid="import-upload-form">
      {create.isError && <ProblemAlert error={create.error} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="kind" label={t('imports.kind')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-testid="import-kind"
              options={IMPORT_KINDS.map((k) => ({ value: k, label: <span data-testid={`import-kind-${k}`}>{t(`imports.kinds.${k}`)}</span> }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="source" label={t('common.optionalField', { field: t('imports.source') })} extra={t('imports.sourceHelp')}>
            <AutoComplete
              data-testid="import-source"
              maxLength={100}
              options={(mappings.data ?? []).map((m) => ({ value: m.source }))}
              placeholder={t('imports.sourcePlaceholder')}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('imports.file')} required validateStatus={fileProblem ? 'error' : undefined} help={fileProblem ?? t('imports.fileHelp', { size: format.number(IMPORT_MAX_FILE_BYTES / 1024 / 1024) })}>
        <div data-testid="import-file">
          <Upload.Dragger
            accept={ACCEPT}
            maxCount={1}
            multiple={false}
            fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              if (chosen.size > IMPORT_MAX_FILE_BYTES) {
                setFileProblem(t('imports.fileTooLarge'));
                return Upload.LIST_IGNORE;
              }
              setFile(chosen);
              setFileProblem(null);
              // Nothing is sent until the user presses "upload".
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t('imports.dropHint')}</Typography.Paragraph>
            <Typography.Text type="secondary">{t(`imports.kindHints.${kind}`)}</Typography.Text>
          </Upload.Dragger>
        </div>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={reading || create.isPending} data-testid="import-upload">
        {t('imports.upload')}
      </Button>
    </Form>
  );
}
