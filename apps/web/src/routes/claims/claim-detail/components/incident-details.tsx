import type { TClaimIncident, TInvoiceItem } from '@anxin/contracts';
import { Descriptions, Table, Tag, Typography, type DescriptionsProps, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { useLabels } from '../../../../i18n/labels.ts';

/** The incident as reported, in the fields of its kind (motor, medical, illness, property). */
export function IncidentDetails({ incident }: { incident: TClaimIncident }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const none = t('common.none');
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));

  let items: DescriptionsProps['items'];
  switch (incident.kind) {
    case 'motor':
      items = [
        { key: 'place', label: t('claims.intake.place'), children: incident.place },
        { key: 'plate', label: t('claims.intake.vehiclePlate'), children: <span className="anxin-mono">{incident.vehiclePlate}</span> },
        { key: 'injuries', label: t('claims.intake.injuries'), children: yesNo(incident.injuries) },
        {
          key: 'third',
          label: t('claims.intake.thirdParties'),
          children: incident.thirdParties.length
            ? incident.thirdParties.map((p) => [p.name, p.vehiclePlate, p.insurer].filter(Boolean).join(' · ')).join(t('imports.listSeparator'))
            : none,
        },
        { key: 'description', label: t('claims.intake.description'), span: 2, children: incident.description },
      ];
      break;
    case 'medical':
      items = [
        { key: 'hospital', label: t('claims.intake.hospital'), children: incident.hospital },
        { key: 'diagnosis', label: t('claims.intake.diagnosisCode'), children: <span className="anxin-mono">{incident.diagnosisCode}</span> },
        { key: 'admitted', label: t('claims.intake.admittedOn'), children: format.date(incident.admittedOn) },
        { key: 'discharged', label: t('claims.intake.dischargedOn'), children: format.date(incident.dischargedOn) },
        ...(incident.description ? [{ key: 'description', label: t('claims.intake.description'), span: 2, children: incident.description }] : []),
      ];
      break;
    case 'illness':
      items = [
        { key: 'diagnosis', label: t('claims.intake.diagnosisCode'), children: <span className="anxin-mono">{incident.diagnosisCode ?? none}</span> },
        { key: 'hospital', label: t('claims.intake.hospital'), children: incident.hospital ?? none },
        { key: 'event', label: t('claims.intake.event'), span: 2, children: incident.event },
      ];
      break;
    case 'property':
      items = [
        { key: 'place', label: t('claims.intake.place'), span: 2, children: incident.place },
        { key: 'description', label: t('claims.intake.description'), span: 2, children: incident.description },
      ];
      break;
  }

  const invoiceColumns: TableColumnsType<TInvoiceItem> = [
    { title: t('claims.intake.invoiceNo'), dataIndex: 'invoiceNo', render: (v: string) => <span className="anxin-mono">{v}</span> },
    { title: t('claims.intake.invoiceDescription'), dataIndex: 'description' },
    { title: t('claims.intake.invoiceAmount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => format.fen(v) },
  ];

  return (
    <div style={{ marginTop: 16 }} data-testid="claim-incident">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('claims.detail.incident')} <Tag style={{ marginInlineStart: 8 }}>{labels.incidentKind(incident.kind)}</Tag>
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
      {incident.kind === 'medical' && (
        <Table<TInvoiceItem>
          style={{ marginTop: 12 }}
          rowKey="invoiceNo"
          size="small"
          pagination={false}
          columns={invoiceColumns}
          dataSource={incident.invoiceItems}
          summary={(rows) => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                {t('claims.intake.invoiceTotalLabel')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {format.fen(rows.reduce((sum, r) => sum + r.amountFen, 0))}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </div>
  );
}
