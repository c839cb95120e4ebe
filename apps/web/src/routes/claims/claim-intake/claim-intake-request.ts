import type { TClaimChannel, TClaimIncident, TProductLine, TReportClaimRequest } from '@anxin/contracts';
import { instantOfShanghaiLocal, parseYuanToFen } from '../../../format.ts';

export type IncidentKind = TClaimIncident['kind'];

/** The contract's patterns, checked before sending: a plate such as 浙A12345, an ICD-10 code such as J18.9, an invoice number. */
export const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;
export const ICD10 = /^[A-Z]\d{2}(\.\d{1,2})?$/;
export const INVOICE_NO = /^[A-Za-z0-9-]{4,40}$/;
export const PHONE = /^\+?[\d-]{7,20}$/;

/** The intake form as typed: amounts in yuan, the incident time as a Shanghai `datetime-local`. */
export interface IntakeValues {
  policyId?: string;
  insuredId?: string;
  channel: TClaimChannel;
  incidentAt: string;
  amountClaimed: string;
  reporterName?: string;
  reporterPhone?: string;
  incident: {
    place?: string;
    vehiclePlate?: string;
    thirdParties?: { name?: string; vehiclePlate?: string; insurer?: string }[];
    injuries?: boolean;
    description?: string;
    hospital?: string;
    diagnosisCode?: string;
    admittedOn?: string;
    dischargedOn?: string;
    invoiceItems?: { invoiceNo?: string; description?: string; amount?: string }[];
    event?: string;
  };
}

/** Which incident form a product line takes: medical, motor, property (property and liability) or illness (the person lines). */
export function incidentKindOf(line: TProductLine): IncidentKind {
  if (line === 'medical') return 'medical';
  if (line === 'motor_compulsory' || line === 'motor_commercial') return 'motor';
  if (line === 'property' || line === 'liability') return 'property';
  return 'illness';
}

const text = (value: string | undefined) => value?.trim() ?? '';
const optional = (value: string | undefined) => value?.trim() || undefined;

function incidentOf(kind: IncidentKind, v: IntakeValues['incident']): TClaimIncident {
  switch (kind) {
    case 'motor':
      return {
        kind,
        place: text(v.place),
        vehiclePlate: text(v.vehiclePlate).toUpperCase(),
        thirdParties: (v.thirdParties ?? [])
          .filter((p) => text(p.name))
          .map((p) => ({ name: text(p.name), vehiclePlate: optional(p.vehiclePlate)?.toUpperCase(), insurer: optional(p.insurer) })),
        injuries: Boolean(v.injuries),
        description: text(v.description),
      };
    case 'medical':
      return {
        kind,
        hospital: text(v.hospital),
        diagnosisCode: text(v.diagnosisCode).toUpperCase(),
        admittedOn: optional(v.admittedOn),
        dischargedOn: optional(v.dischargedOn),
        // The form's rules guarantee each amount parses.
        invoiceItems: (v.invoiceItems ?? []).map((i) => ({ invoiceNo: text(i.invoiceNo), description: text(i.description), amountFen: parseYuanToFen(i.amount) ?? 0 })),
        description: optional(v.description),
      };
    case 'illness':
      return { kind, diagnosisCode: optional(v.diagnosisCode)?.toUpperCase(), hospital: optional(v.hospital), event: text(v.event) };
    case 'property':
      return { kind, place: text(v.place), description: text(v.description) };
  }
}

/** The report request for the typed form (money as integer fen, the time as a +08:00 instant). */
export function reportRequestOf(v: IntakeValues, kind: IncidentKind): TReportClaimRequest {
  return {
    policyId: v.policyId,
    insuredId: v.insuredId,
    channel: v.channel,
    incidentAt: instantOfShanghaiLocal(v.incidentAt),
    amountClaimedFen: parseYuanToFen(v.amountClaimed) ?? 0,
    reporterName: optional(v.reporterName),
    reporterPhone: optional(v.reporterPhone),
    incident: incidentOf(kind, v.incident),
  };
}

const indexed = (prefix: string, count: number, names: string[]) => Array.from({ length: count }, (_, i) => names.map((n) => `${prefix}.${i}.${n}`)).flat();

/** Form fields a server field error can land on (money fields named without the `Fen` suffix). */
export const INTAKE_FIELDS = [
  'policyId',
  'insuredId',
  'channel',
  'incidentAt',
  'amountClaimed',
  'reporterName',
  'reporterPhone',
  ...['place', 'vehiclePlate', 'thirdParties', 'injuries', 'description', 'hospital', 'diagnosisCode', 'admittedOn', 'dischargedOn', 'invoiceItems', 'event'].map((n) => `incident.${n}`),
  ...indexed('incident.thirdParties', 10, ['name', 'vehiclePlate', 'insurer']),
  ...indexed('incident.invoiceItems', 100, ['invoiceNo', 'description', 'amount']),
];

/** `amountClaimedFen` → `amountClaimed`, `incident.invoiceItems.0.amountFen` → `incident.invoiceItems.0.amount`. */
export const intakeFieldOf = (path: string) => path.replace(/Fen$/, '');
