import type { TClaim } from '@anxin/contracts';
import { Card, Empty, Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../format.ts';
import { AdjustmentEditor } from './adjustment-editor.tsx';

type Line = TClaim['adjustment'][number] & { key: number };

/** The adjustment (理算): an editor while the claim may be adjusted, otherwise the saved lines with their payable amounts. */
export function AdjustmentCard({ claim }: { claim: TClaim }) {
  const { t } = useTranslation();
  const format = useFormat();
  const editable = claim.nextActions.includes('adjust');

  const columns: TableColumnsType<Line> = [
    {
      title: t('claims.adjustment.coverage'),
      dataIndex: 'coverageCode',
      render: (code: string, line) => (line.coverageName ? <span title={code}>{line.coverageName}</span> : <span className="anxin-mono">{code}</span>),
    },
    { title: t('claims.adjustment.description'), dataIndex: 'description' },
    { title: t('claims.adjustment.claimed'), dataIndex: 'claimedFen', align: 'right', render: (v: number) => format.fen(v) },
    { title: t('claims.adjustment.excluded'), dataIndex: 'excludedFen', align: 'right', render: (v: number) => format.fen(v) },
    { title: t('claims.adjustment.deductible'), dataIndex: 'deductibleFen', align: 'right', render: (v: number) => format.fen(v) },
    { title: t('claims.adjustment.ratio'), dataIndex: 'ratioPct', align: 'right', render: (v: number) => `${v}%` },
    { title: t('claims.adjustment.limit'), dataIndex: 'limitFen', align: 'right', render: (v: number | null) => (v === null ? t('claims.adjustment.noLimit') : format.fen(v)) },
    { title: t('claims.adjustment.payable'), dataIndex: 'payableFen', align: 'right', render: (v: number) => <strong>{format.fen(v)}</strong> },
    // The fast track's own line carries a marker, not a sentence: worded here in the reader's language.
    { title: t('claims.adjustment.reason'), dataIndex: 'reason', render: (v: string) => (claim.fastTrack && v === 'fast_track' ? t('claims.adjustment.fastTrackReason') : v) },
  ];

  return (
    <Card title={t('claims.adjustment.title')} size="small" data-testid="claim-adjustment">
      {editable ? (
        <AdjustmentEditor claim={claim} />
      ) : claim.adjustment.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.adjustment.none')} />
      ) : (
        <Table<Line>
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          columns={columns}
          dataSource={claim.adjustment.map((line, key) => ({ ...line, key }))}
          onRow={(l) => ({ 'data-testid': `claim-adjustment-row-${l.key}` }) as HTMLAttributes<HTMLElement>}
          summary={(rows) => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={7}>
                {t('claims.adjustment.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                <strong data-testid="claim-adjustment-total">{format.fen(rows.reduce((sum, l) => sum + l.payableFen, 0))}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} />
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  );
}
