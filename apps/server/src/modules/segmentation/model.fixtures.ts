// Test data for the model suites: a generated book with a planted signal, inserted set-based.
// Ids are md5 digests shaped as version-4 UUIDs (the API validates UUIDs on the way out).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

/**
 * Inserts `count` customers (ids derived from `prefix`) with metrics and three custom attributes:
 *  - `churned` (boolean): the planted target — true with probability
 *    sigmoid(-1.2 + 2.4·[contact trend falling] + 1.1·complaints_12m − 0.25·tenure_years + 0.8·[plan = plus]);
 *  - `coin` (boolean): true for 30 % of customers at random (a target nothing predicts);
 *  - `plan` (enum basic|plus), and `score` (number, noise; missing for a tenth of customers).
 * Every random figure comes from md5 of the index, so the data are identical on every run and driver.
 */
export async function seedPlantedBook(db: Db, options: { unitId: string; count: number; prefix: string }) {
  await db.transaction().execute(async (tx) => {
    await sql`INSERT INTO customer_attribute_definition (id, key, label_zh, label_en, type, options) VALUES
      (overlay(overlay(md5('def-churned') placing '4' from 13) placing '8' from 17)::uuid, 'churned', '已流失', 'Churned', 'boolean', '[]'),
      (overlay(overlay(md5('def-coin') placing '4' from 13) placing '8' from 17)::uuid, 'coin', '硬币', 'Coin', 'boolean', '[]'),
      (overlay(overlay(md5('def-plan') placing '4' from 13) placing '8' from 17)::uuid, 'plan', '计划', 'Plan', 'enum', '[{"value": "basic", "labelZh": "基础", "labelEn": "Basic"}, {"value": "plus", "labelZh": "增强", "labelEn": "Plus"}]'),
      (overlay(overlay(md5('def-score') placing '4' from 13) placing '8' from 17)::uuid, 'score', '评分', 'Score', 'number', '[]')
      ON CONFLICT (key) DO NOTHING`.execute(tx);
    const r = (salt: string) => sql`(('x' || substr(md5(${salt}::text || g.i::text), 1, 7))::bit(28)::int / 268435456.0)`;
    await sql`CREATE TEMP TABLE planted ON COMMIT DROP AS
      SELECT g.i, overlay(overlay(md5(${options.prefix}::text || g.i::text) placing '4' from 13) placing '8' from 17)::uuid AS id,
             floor(${r('tenure')} * 15)::int AS tenure,
             floor(power(${r('complaints')}, 4) * 4)::int AS complaints,
             ${r('trend')} < 0.3 AS falling,
             ${r('plan')} < 0.5 AS plus,
             ${r('noise')} AS noise, ${r('coin')} AS coin, ${r('score')} AS score, floor(${r('age')} * 50)::int + 20 AS age
      FROM generate_series(1, ${options.count}::int) AS g(i)`.execute(tx);
    await sql`INSERT INTO customer (id, kind, name, name_pinyin, name_initials, gender, org_unit_id, attributes)
      SELECT id, 'person', '测试客户' || i, 'ceshikehu' || i, 'cskh', CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, ${options.unitId}::uuid,
             jsonb_build_object(
               'churned', noise < 1 / (1 + exp(-(-1.2 + 2.4 * falling::int + 1.1 * complaints - 0.25 * tenure + 0.8 * plus::int))),
               'coin', coin < 0.3,
               'plan', CASE WHEN plus THEN 'plus' ELSE 'basic' END)
             || CASE WHEN i % 10 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('score', round(score * 100)) END
      FROM planted`.execute(tx);
    await sql`INSERT INTO customer_metric (customer_id, computed_at, age, tenure_years, policies_total, policies_in_force, in_force_by_line,
        annual_premium_fen, lifetime_premium_fen, earned_premium_3y_fen, claims_count, claims_12m, claims_paid_fen, claims_paid_3y_fen,
        contacts_12m, contacts_90d, contacts_prev_90d, contact_trend, renewals, lapses, lapses_12m, complaints_count, complaints_12m,
        referral_count, household_size, children)
      SELECT id, now(), age, tenure, 1 + i % 3, 1 + i % 2, CASE WHEN i % 2 = 0 THEN '{"life": 1, "medical": 1}'::jsonb ELSE '{"life": 1}'::jsonb END,
        100000 + (i % 50) * 1000, 500000, 300000, 0, 0, 0, 0,
        CASE WHEN falling THEN 2 ELSE 6 END, CASE WHEN falling THEN 0 ELSE 2 END, 2, CASE WHEN falling THEN 'falling' ELSE 'steady' END,
        tenure / 2, 0, 0, complaints, complaints, 0, 1 + i % 4, i % 3
      FROM planted`.execute(tx);
  });
}
