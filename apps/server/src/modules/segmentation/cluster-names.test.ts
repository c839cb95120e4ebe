import { describe, expect, it } from 'vitest';
import { describeCluster, distinguishSameNames } from './cluster-names.ts';

const overall = { age: 42, has_life: 0.5, has_critical_illness: 0.5, children: 0.5, household_size: 2.2, annual_premium_fen: 600_000, tenure_years: 4, policies_in_force: 2, claims_count: 0.4, contacts_12m: 2 };

describe('cluster names', () => {
  it('names a cluster by who they are and what they need, in Chinese and English', () => {
    const young = describeCluster({ age: 29, children: 1, household_size: 3, has_life: 0.1, has_critical_illness: 0.1, annual_premium_fen: 500_000, tenure_years: 2 }, overall);
    expect(young.traits).toEqual(['young', 'family', 'protection_gap']);
    expect(young.suggestedName).toEqual({ zh: '年轻家庭·保障需求高', en: 'Young family, high protection need' });
  });

  it('tells apart clusters whose names came out the same by their average age and premium, then by number', () => {
    const cluster = (no: number, age: number, premiumFen: number) => ({ no, profile: { age, annual_premium_fen: premiumFen }, suggestedName: { zh: '年轻家庭·保障需求高', en: 'Young family, high protection need' } });
    const other = { no: 2, profile: { age: 60, annual_premium_fen: 900_000 }, suggestedName: { zh: '银发·医疗需求', en: 'Silver-age, medical needs' } };
    const named = distinguishSameNames([cluster(0, 29.4, 480_000), cluster(1, 33.6, 1_234_500), other, cluster(3, 29.4, 480_000)]);
    expect(named.map((c) => c.suggestedName.zh)).toEqual([
      '年轻家庭·保障需求高（均龄 29 岁，年保费 ¥4,800）·第 1 组',
      '年轻家庭·保障需求高（均龄 34 岁，年保费 ¥12,345）',
      '银发·医疗需求',
      '年轻家庭·保障需求高（均龄 29 岁，年保费 ¥4,800）·第 4 组',
    ]);
    expect(named[1]!.suggestedName.en).toBe('Young family, high protection need (avg. age 34, premium ¥12,345)');
    expect(new Set(named.map((c) => c.suggestedName.zh)).size).toBe(4);
  });
});
