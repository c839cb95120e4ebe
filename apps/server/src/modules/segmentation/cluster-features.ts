import { sql, type RawBuilder } from 'kysely';

/**
 * The features customers are clustered on (S3: groups with similar protection needs), as SQL over
 * customer_metric m. Premium is on a log scale (yuan) so that a few very large policies do not make
 * a cluster of their own; holdings are 0/1 per kind of cover.
 */
export const CLUSTER_FEATURES: readonly { name: string; expr: RawBuilder<number> }[] = [
  { name: 'age', expr: sql<number>`m.age` },
  { name: 'household_size', expr: sql<number>`m.household_size` },
  { name: 'children', expr: sql<number>`m.children` },
  { name: 'tenure_years', expr: sql<number>`m.tenure_years` },
  { name: 'policies_in_force', expr: sql<number>`m.policies_in_force` },
  { name: 'log_annual_premium', expr: sql<number>`ln(1 + m.annual_premium_fen / 100.0)` },
  { name: 'claims_count', expr: sql<number>`m.claims_count` },
  { name: 'contacts_12m', expr: sql<number>`m.contacts_12m` },
  { name: 'has_life', expr: hasLine('life') },
  { name: 'has_critical_illness', expr: hasLine('critical_illness') },
  { name: 'has_medical', expr: hasLine('medical') },
  { name: 'has_accident', expr: hasLine('accident') },
  { name: 'has_annuity', expr: hasLine('annuity') },
  { name: 'has_motor', expr: hasLine('motor_compulsory', 'motor_commercial') },
  { name: 'has_property', expr: hasLine('property', 'liability') },
];

function hasLine(...lines: string[]): RawBuilder<number> {
  const held = sql.join(lines.map((line) => sql`COALESCE((m.in_force_by_line ->> ${line}::text)::int, 0)`), sql` + `);
  return sql<number>`(CASE WHEN ${held} > 0 THEN 1 ELSE 0 END)`;
}

/** Who is clustered: customers with a policy in force (prospects have no holdings to compare). */
export const CLUSTERED = sql<boolean>`m.policies_in_force > 0`;

/** A feature standardised with the run's mean and standard deviation; a missing value counts as the mean. */
export function standardised(feature: { expr: RawBuilder<number> }, mean: number, sd: number): RawBuilder<number> {
  return sql<number>`COALESCE((${feature.expr} - ${mean}::float8) / ${sd}::float8, 0)`;
}
