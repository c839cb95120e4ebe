import { ArrowLeftOutlined, CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, List, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fileToBase64 } from '../../../api/client.ts';
import { usePortalClaim, useUploadPortalDocument } from '../../../api/portal.ts';
import { ClaimStatusTag } from '../../../components/claim-status-tag.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { PortalProgress } from '../components/portal-progress.tsx';

const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
const MAX_BYTES = 10 * 1024 * 1024;

/** One claim as the customer follows it: status and amounts, the plain-language timeline, and the documents still needed. */
export function PortalClaimPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { claimId } = useParams();
  const detail = usePortalClaim(claimId);
  const upload = useUploadPortalDocument(claimId ?? '');
  const [uploading, setUploading] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);

  if (detail.isPending) return <PageLoading />;
  if (detail.isError) return <ProblemAlert error={detail.error} plain />;
  const { claim, progress, checklist, acceptsDocuments } = detail.data;

  const send = async (code: string, file: File) => {
    setTooLarge(file.size > MAX_BYTES);
    if (file.size > MAX_BYTES) return;
    setUploading(code);
    try {
      await upload.mutateAsync({ code, fileName: file.name, contentBase64: await fileToBase64(file) }).catch(() => undefined);
    } finally {
      setUploading(null);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="portal-claim-page" data-status={claim.status}>
      <Link to="/portal">
        <ArrowLeftOutlined /> {t('portal.claim.back')}
      </Link>
      <Card size="small">
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }} className="anxin-mono" data-testid="portal-claim-no">
            {claim.claimNo}
          </Typography.Title>
          <ClaimStatusTag status={claim.status} testId="portal-claim-status" />
        </Flex>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('claims.insured')}>{claim.insuredName}</Descriptions.Item>
          <Descriptions.Item label={t('claims.policyNo')}>{claim.policyNo}</Descriptions.Item>
          <Descriptions.Item label={t('claims.incidentAt')}>{format.dateTime(claim.incidentAt)}</Descriptions.Item>
          <Descriptions.Item label={t('claims.amountClaimed')}>{format.fen(claim.amountClaimedFen)}</Descriptions.Item>
          {claim.amountApprovedFen !== null && <Descriptions.Item label={t('claims.amountApproved')}>{format.fen(claim.amountApprovedFen)}</Descriptions.Item>}
          {claim.amountPaidFen > 0 && (
            <Descriptions.Item label={t('claims.amountPaid')}>
              <span data-testid="portal-claim-paid">{format.fen(claim.amountPaidFen)}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card size="small" title={t('portal.claim.progress')}>
        <PortalProgress progress={progress} />
      </Card>

      {checklist.length > 0 && (
        <Card size="small" title={t('portal.claim.documents')}>
          {upload.isError && <ProblemAlert error={upload.error} style={{ marginBottom: 12 }} plain />}
          {tooLarge && <ProblemAlert error={new Error(t('errors.CLAIM_DOCUMENT_INVALID'))} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('portal.claim.documentsHelp')}
          </Typography.Paragraph>
          <List
            dataSource={checklist}
            rowKey="code"
            renderItem={(item) => (
              <List.Item
                data-testid={`portal-document-${item.code}`}
                data-received={item.received}
                actions={
                  acceptsDocuments
                    ? [
                        <Upload
                          key="upload"
                          accept={ACCEPT}
                          showUploadList={false}
                          disabled={uploading !== null}
                          beforeUpload={(file) => {
                            void send(item.code, file);
                            return false;
                          }}
                        >
                          <Button size="small" icon={<UploadOutlined />} loading={uploading === item.code} data-testid={`portal-upload-${item.code}`}>
                            {item.received ? t('portal.claim.uploadMore') : t('portal.claim.upload')}
                          </Button>
                        </Upload>,
                      ]
                    : []
                }
              >
                <Flex gap={6} align="center" wrap>
                  {item.received && <CheckCircleFilled style={{ color: '#52c41a' }} />}
                  <span>{item.name}</span>
                  {item.required && !item.received && <Tag color="orange">{t('portal.claim.needed')}</Tag>}
                  {item.received && <Tag color="green">{t('portal.claim.received')}</Tag>}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Flex>
  );
}
