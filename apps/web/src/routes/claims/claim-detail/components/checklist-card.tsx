import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { TClaim } from '@anxin/contracts';
import { Alert, Button, Card, Flex, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useDownloadClaimDocument, useUploadClaimDocument } from '../../../../api/claims.ts';
import { fileToBase64 } from '../../../../api/client.ts';
import { ProblemAlert } from '../../../../components/problem-alert.tsx';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';
import { NoticeList } from './notice-list.tsx';

const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
const MAX_BYTES = 10 * 1024 * 1024;
const OTHER = 'other';

interface Row {
  code: string;
  name: string;
  required: boolean;
  received: boolean;
}

/** The document checklist (收单): what is required, what came in (with downloads), uploads, and the notices sent for the rest. */
export function ChecklistCard({ claim }: { claim: TClaim }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const upload = useUploadClaimDocument(claim.id);
  const download = useDownloadClaimDocument(claim.id);
  const [uploading, setUploading] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const canUpload = claim.nextActions.includes('upload_document');
  const asked = new Set(claim.notices.flatMap((n) => n.codes));
  const rows: Row[] = [...claim.checklist];
  if (!rows.some((r) => r.code === OTHER)) rows.push({ code: OTHER, name: t('claims.checklist.other'), required: false, received: claim.documents.some((d) => d.code === OTHER) });

  const send = async (code: string, file: File) => {
    setFileProblem(null);
    if (file.size > MAX_BYTES) {
      setFileProblem(t('errors.CLAIM_DOCUMENT_INVALID'));
      return;
    }
    setUploading(code);
    try {
      const contentBase64 = await fileToBase64(file);
      await upload.mutateAsync({ code, fileName: file.name, contentBase64 }).catch(() => undefined);
    } finally {
      setUploading(null);
    }
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('claims.checklist.item'),
      dataIndex: 'name',
      render: (_, r) => (
        <Flex gap={6} align="center" wrap>
          <span>{r.name}</span>
          {r.required && <Tag style={{ marginInlineEnd: 0 }}>{t('claims.checklist.required')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('claims.checklist.state'),
      key: 'state',
      render: (_, r) =>
        r.received ? (
          <Tag color="green" data-value="received">{t('claims.checklist.received')}</Tag>
        ) : asked.has(r.code) ? (
          <Tag color="orange" data-value="asked">{t('claims.checklist.asked')}</Tag>
        ) : (
          <Tag data-value="missing">{t('claims.checklist.missing')}</Tag>
        ),
    },
    {
      title: t('claims.checklist.documents'),
      key: 'documents',
      render: (_, r) => (
        <Flex vertical gap={2}>
          {claim.documents
            .filter((d) => d.code === r.code)
            .map((d) => (
              <Flex key={d.id} gap={6} align="center" wrap>
                <Button
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  style={{ padding: 0 }}
                  onClick={() => download.mutate({ id: d.id, fileName: d.fileName })}
                  data-testid={`claim-document-download-${d.id}`}
                >
                  {d.fileName}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('claims.checklist.uploadedBy', { name: labels.actorName(d.uploadedBy), at: format.dateTime(d.uploadedAt), size: format.number(Math.ceil(d.sizeBytes / 1024)) })}
                </Typography.Text>
              </Flex>
            ))}
        </Flex>
      ),
    },
    ...(canUpload
      ? [
          {
            title: t('common.actions'),
            key: 'upload',
            render: (_: unknown, r: Row) => (
              <Upload accept={ACCEPT} showUploadList={false} beforeUpload={(file) => {
                  void send(r.code, file);
                  // Nothing is sent by the Upload itself: the file goes as base64 in JSON.
                  return false;
                }} disabled={uploading !== null}>
                <Button size="small" icon={<UploadOutlined />} loading={uploading === r.code} data-testid={`claim-upload-${r.code}`}>
                  {t('claims.checklist.upload')}
                </Button>
              </Upload>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t('claims.checklist.title')} size="small" data-testid="claim-checklist">
      {fileProblem && <Alert type="error" showIcon title={fileProblem} style={{ marginBottom: 12 }} data-testid="claim-upload-file-problem" />}
      {upload.isError && <ProblemAlert error={upload.error} style={{ marginBottom: 12 }} testId="claim-upload-error" />}
      {download.isError && <ProblemAlert error={download.error} style={{ marginBottom: 12 }} />}
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('claims.checklist.uploadHelp')}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="code"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': `claim-checklist-${r.code}`, 'data-received': String(r.received) }) as HTMLAttributes<HTMLElement>}
      />
      <NoticeList claim={claim} />
    </Card>
  );
}
