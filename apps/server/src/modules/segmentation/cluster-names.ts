/**
 * A descriptive name suggestion for a cluster from how its profile differs from everyone's, e.g.
 * "young family, high protection need" / "年轻家庭·保障需求高" or "silver-age medical needs" /
 * "银发·医疗需求". Traits are stable codes the console may also translate.
 */

type Profile = Record<string, number>;

const ZH: Record<string, string> = {
  young: '年轻',
  middle_aged: '中年',
  silver_age: '银发',
  family: '家庭',
  single: '单身',
  high_value: '高价值',
  low_premium: '低保费',
  protection_gap: '保障需求高',
  medical_need: '医疗需求',
  critical_illness_need: '重疾保障需求',
  retirement_need: '养老规划需求',
  frequent_claims: '多理赔',
  motorist: '车主',
  well_covered: '保障完善',
  loyal: '长期客户',
  new_customers: '新客户',
  engaged: '互动活跃',
};

const EN: Record<string, string> = {
  young: 'young',
  middle_aged: 'middle-aged',
  silver_age: 'silver-age',
  family: 'family',
  single: 'single',
  high_value: 'high value',
  low_premium: 'low premium',
  protection_gap: 'high protection need',
  medical_need: 'medical needs',
  critical_illness_need: 'critical-illness cover need',
  retirement_need: 'retirement planning need',
  frequent_claims: 'frequent claims',
  motorist: 'motorists',
  well_covered: 'well covered',
  loyal: 'long-standing',
  new_customers: 'new customers',
  engaged: 'engaged',
};

export function describeCluster(profile: Profile, overall: Profile): { traits: string[]; suggestedName: { zh: string; en: string } } {
  const v = (key: string) => profile[key] ?? 0;
  const all = (key: string) => overall[key] ?? 0;
  const who: string[] = [];
  const what: string[] = [];
  // Who they are: age band and household.
  if (v('age') > 0 && v('age') < 35) who.push('young');
  else if (v('age') >= 55) who.push('silver_age');
  else if (v('age') >= 35) who.push('middle_aged');
  if (v('children') >= 0.6 || v('household_size') >= 2.5) who.push('family');
  else if (v('household_size') < 1.3) who.push('single');
  if (v('has_motor') >= 0.6 && v('has_motor') > all('has_motor') * 1.3) who.push('motorist');
  // What they need or are: gaps first, then value and behaviour.
  const low = (key: string) => v(key) < 0.35 && v(key) < all(key) * 0.8;
  if (v('age') >= 55 && low('has_medical')) what.push('medical_need');
  else if (v('age') >= 55) what.push('medical_need');
  if (v('age') >= 40 && v('age') < 60 && low('has_annuity')) what.push('retirement_need');
  if (v('children') >= 0.6 && (low('has_life') || low('has_critical_illness'))) what.push('protection_gap');
  else if (v('age') < 45 && low('has_critical_illness')) what.push('critical_illness_need');
  if (v('claims_count') > Math.max(1, all('claims_count') * 1.5)) what.push('frequent_claims');
  if (v('annual_premium_fen') > all('annual_premium_fen') * 1.6) what.push('high_value');
  else if (v('annual_premium_fen') < all('annual_premium_fen') * 0.5) what.push('low_premium');
  if (v('policies_in_force') >= 3 && !what.some((t) => t.endsWith('_need') || t === 'protection_gap')) what.push('well_covered');
  if (v('tenure_years') >= Math.max(5, all('tenure_years') * 1.5)) what.push('loyal');
  else if (v('tenure_years') < 1) what.push('new_customers');
  if (v('contacts_12m') > Math.max(2, all('contacts_12m') * 1.5)) what.push('engaged');
  const head = who.slice(0, 2);
  const tail = what.slice(0, 2);
  const traits = [...head, ...tail];
  if (traits.length === 0) traits.push('well_covered');
  const zh = [head.map((t) => ZH[t]).join(''), tail.map((t) => ZH[t]).join('、')].filter(Boolean).join('·') || ZH[traits[0]!]!;
  const en = [head.map((t) => EN[t]).join(' '), tail.map((t) => EN[t]).join(', ')].filter(Boolean).join(', ') || EN[traits[0]!]!;
  return { traits, suggestedName: { zh, en: en.charAt(0).toUpperCase() + en.slice(1) } };
}

/**
 * Clusters whose suggested names came out the same are told apart by their average age and annual
 * premium ("年轻家庭·保障需求高（均龄 32 岁，年保费 ¥4,800）"), and by their number if even those agree.
 */
export function distinguishSameNames<T extends { no: number; profile: Profile; suggestedName: { zh: string; en: string } }>(clusters: T[]): T[] {
  const count = new Map<string, number>();
  for (const c of clusters) count.set(c.suggestedName.zh, (count.get(c.suggestedName.zh) ?? 0) + 1);
  const figures = (c: T) => {
    const age = Math.round(c.profile.age ?? 0);
    const yuan = Math.round((c.profile.annual_premium_fen ?? 0) / 100).toLocaleString('en-US');
    return { zh: `均龄 ${age} 岁，年保费 ¥${yuan}`, en: `avg. age ${age}, premium ¥${yuan}` };
  };
  const named = clusters.map((c) =>
    (count.get(c.suggestedName.zh) ?? 0) > 1 ? { ...c, suggestedName: { zh: `${c.suggestedName.zh}（${figures(c).zh}）`, en: `${c.suggestedName.en} (${figures(c).en})` } } : c,
  );
  const again = new Map<string, number>();
  for (const c of named) again.set(c.suggestedName.zh, (again.get(c.suggestedName.zh) ?? 0) + 1);
  return named.map((c) => ((again.get(c.suggestedName.zh) ?? 0) > 1 ? { ...c, suggestedName: { zh: `${c.suggestedName.zh}·第 ${c.no + 1} 组`, en: `${c.suggestedName.en}, group ${c.no + 1}` } } : c));
}
