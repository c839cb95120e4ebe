import ExcelJS from 'exceljs';
import type { TComplaintAnalysis } from '@anxin/contracts';
import { spreadsheetSafe } from '../imports/index.ts';

// The report's own labels (Chinese first, as the regulator's forms are; English after): the file
// is read outside the console, so it cannot use the console's translations.
const CATEGORY: Record<string, string> = { sales: '销售 Sales', underwriting: '承保 Underwriting', claims: '理赔 Claims', service_attitude: '服务态度 Service attitude', surrender_loss: '退保损失 Surrender loss', other: '其他 Other' };
const CHANNEL: Record<string, string> = { hotline: '热线 Hotline', counter: '柜面 Counter', portal: '网上 Portal', email: '邮件 E-mail', letter: '信函 Letter', regulator: '监管转办 Regulator', media: '媒体 Media' };

/**
 * The monthly complaint analysis as an XLSX workbook: a summary sheet, then one sheet per
 * breakdown with this month, the previous month and the change. Text cells are formula-safe.
 */
export async function analysisWorkbook(a: TComplaintAnalysis): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anxin';
  const safe = (v: string | number | null) => (typeof v === 'string' ? spreadsheetSafe(v) : v);
  const summary = wb.addWorksheet('概览 Summary');
  summary.columns = [{ width: 42 }, { width: 22 }];
  const rows: [string, string | number | null][] = [
    ['客户投诉分析表 Monthly complaint analysis', null],
    ['机构 Unit', a.unit.name],
    ['月份 Month', a.month],
    ['投诉总数 Complaints', a.total],
    ['上月 Previous month', a.previousTotal],
    ['环比变化 Change', a.total - a.previousTotal],
    ['有效保单数 Policies in force', a.policiesInForce],
    ['万张保单投诉量 Per 10,000 policies', a.ratePer10k],
    ['按时处理 Decided in time', a.clock.met],
    ['超时 Late', a.clock.breached],
    ['处理中 Running', a.clock.running],
    ['时效达标率 % Clock compliance', a.clock.complianceRate],
    ['监管转办 Regulator-transferred', a.regulatorTransferred],
    ['群体投诉 Collective', a.collective],
  ];
  for (const [label, value] of rows) summary.addRow([label, safe(value)]);
  summary.getRow(1).font = { bold: true, size: 14 };

  const breakdown = (name: string, items: TComplaintAnalysis['byCategory'], label: (i: TComplaintAnalysis['byCategory'][number]) => string) => {
    const sheet = wb.addWorksheet(name);
    sheet.columns = [
      { header: '项目 Item', width: 36 },
      { header: '本月 This month', width: 16 },
      { header: '上月 Previous', width: 16 },
      { header: '变化 Change', width: 14 },
    ];
    for (const i of items) sheet.addRow([safe(label(i)), i.count, i.previous, i.count - i.previous]);
    sheet.getRow(1).font = { bold: true };
  };
  breakdown('类别 Category', a.byCategory, (i) => CATEGORY[i.key] ?? i.key);
  breakdown('渠道 Channel', a.byChannel, (i) => CHANNEL[i.key] ?? i.key);
  breakdown('机构 Branch', a.byBranch, (i) => i.label ?? i.key);
  breakdown('产品 Product', a.byProduct, (i) => (i.key === 'none' ? '未关联保单 No policy' : (i.label ?? i.key)));
  breakdown('人员 Staff', a.byStaff, (i) => (i.key === 'none' ? '未涉及人员 No staff named' : (i.label ?? i.key)));

  const time = wb.addWorksheet('处理时长 Handling days');
  time.columns = [
    { header: '天数 Days', width: 18 },
    { header: '件数 Complaints', width: 16 },
  ];
  for (const b of a.handlingDays) time.addRow([b.bucket === 'open' ? '未处理完 Open' : b.bucket, b.count]);
  const causes = wb.addWorksheet('根因 Root causes');
  causes.columns = [
    { header: '根本原因 Root cause', width: 48 },
    { header: '件数 Complaints', width: 16 },
  ];
  for (const c of a.rootCauses) causes.addRow([safe(c.cause), c.count]);
  const repeat = wb.addWorksheet('重复投诉 Repeat');
  repeat.columns = [
    { header: '客户 Customer', width: 20 },
    { header: '12个月内投诉 In 12 months', width: 24 },
  ];
  for (const r of a.repeatComplainants) repeat.addRow([safe(r.name), r.count]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
