import { describe, expect, it } from 'vitest';
import { type FastTrackFacts, type FastTrackSettings, inForceOn, judgeFastTrack } from './fast-track.ts';

const now = new Date('2026-06-03T02:30:00.000Z');
const settings: FastTrackSettings = { enabled: true, thresholdFen: 500_000, excludedDiagnosisPrefixes: ['F', 'O', 'Z'] };
const policy: FastTrackFacts['policy'] = { status: 'in_force', effectiveOn: '2026-01-01', expiresOn: '2026-12-31', statusChangedOn: null, waitingDays: 30 };
/** A claim that passes every rule. */
const eligible: FastTrackFacts = {
  line: 'medical',
  incidentOn: '2026-06-01',
  policy,
  insuredOnPolicy: true,
  amountClaimedFen: 300_000,
  diagnosisCode: 'J18.9',
  invoicesClaimedBefore: [],
  fraudFlagged: false,
  missingDocuments: [],
  coverage: { code: 'INPATIENT', name: '住院医疗费用', deductibleFen: 0, reimbursementPct: 80 },
};
const RULES = [
  'medical_line',
  'policy_in_force',
  'outside_waiting_period',
  'insured_matches',
  'amount_within_threshold',
  'diagnosis_covered',
  'invoice_not_claimed',
  'no_fraud_flag',
  'no_deductible',
  'documents_complete',
];

const judge = (change: Partial<FastTrackFacts> = {}, settingsChange: Partial<FastTrackSettings> = {}) =>
  judgeFastTrack({ ...eligible, ...change }, { ...settings, ...settingsChange }, now);
const failed = (decision: ReturnType<typeof judgeFastTrack>) => decision.trace.filter((r) => !r.passed);

describe('fast-track judgement', () => {
  it('passes a fully eligible medical claim on all ten rules, in order', () => {
    const decision = judge();
    expect(decision.eligible).toBe(true);
    expect(decision.decidedAt).toBe('2026-06-03T02:30:00.000Z');
    expect(decision.trace.map((r) => r.rule)).toEqual(RULES);
    expect(decision.trace.every((r) => r.passed)).toBe(true);
    expect(decision.trace.map((r) => r.detail)).toEqual([
      'product line medical',
      'policy in_force, 2026-01-01–2026-12-31; incident 2026-06-01',
      'waiting period 30 days, ends 2026-01-31',
      'the insured is on the policy',
      '¥3,000.00 claimed, limit ¥5,000.00',
      'J18.9 is covered',
      'no invoice claimed before',
      'no fraud flag',
      'INPATIENT: deductible ¥0.00, pays 80 %',
      'every required document received',
    ]);
  });

  it.each<[string, Partial<FastTrackFacts>, Partial<FastTrackSettings>, string, Record<string, unknown>]>([
    ['medical_line', { line: 'motor_commercial' }, {}, 'product line motor_commercial', { enabled: true, line: 'motor_commercial' }],
    [
      'policy_in_force',
      { policy: { ...policy, status: 'lapsed', statusChangedOn: '2026-05-01' } },
      {},
      'policy lapsed, 2026-01-01–2026-12-31; incident 2026-06-01',
      { status: 'lapsed', effectiveOn: '2026-01-01', expiresOn: '2026-12-31', incidentOn: '2026-06-01' },
    ],
    ['outside_waiting_period', { policy: { ...policy, waitingDays: 180 } }, {}, 'waiting period 180 days, ends 2026-06-30', { waitingDays: 180, waitingEnds: '2026-06-30' }],
    ['insured_matches', { insuredOnPolicy: false }, {}, 'the insured is not on the policy', { insuredOnPolicy: false }],
    ['amount_within_threshold', { amountClaimedFen: 500_001 }, {}, '¥5,000.01 claimed, limit ¥5,000.00', { claimedFen: 500_001, thresholdFen: 500_000 }],
    ['diagnosis_covered', { diagnosisCode: 'F32.9' }, {}, 'F32.9 is excluded (F)', { diagnosis: 'F32.9', excludedPrefix: 'F' }],
    [
      'invoice_not_claimed',
      { invoicesClaimedBefore: ['INV-2026-0001', 'INV-2026-0002'] },
      {},
      'already claimed: INV-2026-0001, INV-2026-0002',
      { invoices: ['INV-2026-0001', 'INV-2026-0002'] },
    ],
    ['no_fraud_flag', { fraudFlagged: true }, {}, 'a fraud flag is on the customer’s claims', { fraudFlagged: true }],
    [
      'no_deductible',
      { coverage: { code: 'GENERAL', name: '一般医疗保险金', deductibleFen: 1_000_000, reimbursementPct: 100 } },
      {},
      'GENERAL: deductible ¥10,000.00, pays 100 %',
      { coverage: 'GENERAL', coverageName: '一般医疗保险金', deductibleFen: 1_000_000, reimbursementPct: 100 },
    ],
    ['no_deductible', { coverage: null }, {}, 'the product lists no coverage', { coverage: null, coverageName: null, deductibleFen: null, reimbursementPct: null }],
    [
      'documents_complete',
      { missingDocuments: ['invoice_original', 'discharge_summary'] },
      {},
      'missing: invoice_original, discharge_summary',
      { missingDocuments: ['invoice_original', 'discharge_summary'] },
    ],
  ])('fails only %s when that fact alone changes; the detail in English and its params for the console', (rule, change, settingsChange, detail, params) => {
    const decision = judge(change, settingsChange);
    expect(decision.eligible).toBe(false);
    expect(decision.trace.map((r) => r.rule)).toEqual(RULES);
    expect(failed(decision)).toEqual([{ rule, passed: false, detail, params }]);
  });

  it('fails medical_line alone when fast track is switched off', () => {
    const decision = judge({}, { enabled: false });
    expect(decision.eligible).toBe(false);
    expect(failed(decision)).toEqual([{ rule: 'medical_line', passed: false, detail: 'fast track is switched off', params: { enabled: false, line: 'medical' } }]);
  });

  it('fails diagnosis_covered alone when there is no diagnosis code', () => {
    expect(failed(judge({ diagnosisCode: null }))).toEqual([{ rule: 'diagnosis_covered', passed: false, detail: 'no diagnosis code', params: { diagnosis: null, excludedPrefix: null } }]);
    expect(failed(judge({ diagnosisCode: 'O80' }))).toEqual([{ rule: 'diagnosis_covered', passed: false, detail: 'O80 is excluded (O)', params: { diagnosis: 'O80', excludedPrefix: 'O' } }]);
    expect(failed(judge({ diagnosisCode: 'Z00.0' }))).toEqual([{ rule: 'diagnosis_covered', passed: false, detail: 'Z00.0 is excluded (Z)', params: { diagnosis: 'Z00.0', excludedPrefix: 'Z' } }]);
  });

  it('reports every failed rule, not just the first', () => {
    const decision = judge({ line: 'property', fraudFlagged: true, missingDocuments: ['id_card'] });
    expect(failed(decision).map((r) => r.rule)).toEqual(['medical_line', 'no_fraud_flag', 'documents_complete']);
  });

  it('passes an amount exactly at the threshold', () => {
    const decision = judge({ amountClaimedFen: 500_000 });
    expect(decision.eligible).toBe(true);
    expect(decision.trace[4]).toMatchObject({ rule: 'amount_within_threshold', passed: true, detail: '¥5,000.00 claimed, limit ¥5,000.00' });
  });

  it('waiting period: ends on effectiveOn + waitingDays; the last waiting day fails, the day it ends passes', () => {
    // 30 waiting days from 2026-01-01 are 01-01 … 01-30; cover starts 2026-01-31.
    const lastWaitingDay = judge({ incidentOn: '2026-01-30' });
    expect(failed(lastWaitingDay)).toMatchObject([{ rule: 'outside_waiting_period', passed: false, detail: 'waiting period 30 days, ends 2026-01-31' }]);
    expect(judge({ incidentOn: '2026-01-31' }).eligible).toBe(true);
    // No waiting period: covered from the effective day.
    expect(judge({ incidentOn: '2026-01-01', policy: { ...policy, waitingDays: 0 } }).eligible).toBe(true);
    // Across a month end and a year end.
    expect(judge({ policy: { ...policy, effectiveOn: '2025-12-15', waitingDays: 30 }, incidentOn: '2026-01-14' }).trace[2]).toMatchObject({
      passed: true,
      detail: 'waiting period 30 days, ends 2026-01-14',
    });
  });
});

describe('inForceOn', () => {
  const ended = (status: 'lapsed' | 'surrendered' | 'cancelled') => ({ ...policy, status, statusChangedOn: '2026-05-01' });

  it('in force and expired policies are covered from effectiveOn to expiresOn inclusive', () => {
    for (const status of ['in_force', 'expired'] as const) {
      const p = { ...policy, status };
      expect(inForceOn(p, '2026-01-01'), status).toBe(true);
      expect(inForceOn(p, '2026-06-01'), status).toBe(true);
      expect(inForceOn(p, '2026-12-31'), status).toBe(true);
    }
  });

  it('never outside the policy dates', () => {
    for (const p of [policy, { ...policy, status: 'expired' as const }, ended('lapsed'), ended('surrendered')]) {
      expect(inForceOn(p, '2025-12-31'), p.status).toBe(false);
      expect(inForceOn(p, '2027-01-01'), p.status).toBe(false);
    }
  });

  it.each(['lapsed', 'surrendered'] as const)('%s: covered before statusChangedOn, not on or after it', (status) => {
    const p = ended(status);
    expect(inForceOn(p, '2026-01-01')).toBe(true);
    expect(inForceOn(p, '2026-04-30')).toBe(true);
    expect(inForceOn(p, '2026-05-01')).toBe(false);
    expect(inForceOn(p, '2026-06-01')).toBe(false);
    // Without a recorded change date there is nothing to rely on.
    expect(inForceOn({ ...p, statusChangedOn: null }, '2026-04-30')).toBe(false);
  });

  it('a pending policy is never in force', () => {
    const p = { ...policy, status: 'pending' as const };
    for (const date of ['2025-12-31', '2026-01-01', '2026-06-01', '2026-12-31']) expect(inForceOn(p, date), date).toBe(false);
  });
});
