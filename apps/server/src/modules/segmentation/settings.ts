import { ZAlertSettings, ZListSettings, ZQuadrantSettings, type TSegmentationSettings } from '@anxin/contracts';
import type { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';

const SCHEMAS = { alerts: ZAlertSettings, quadrants: ZQuadrantSettings, lists: ZListSettings } as const;
export type SegmentationSettingKey = keyof typeof SCHEMAS;
export type SegmentationSetting<K extends SegmentationSettingKey> = z.infer<(typeof SCHEMAS)[K]>;

/** One setting of the module (alert thresholds, quadrant thresholds, list criteria), validated. */
export async function readSegmentationSetting<K extends SegmentationSettingKey>(db: Executor, key: K): Promise<SegmentationSetting<K>> {
  const row = await db.selectFrom('segmentation_setting').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return SCHEMAS[key].parse(row.value) as SegmentationSetting<K>;
}

/** Every setting with its version, as the settings page shows them. */
export async function readSegmentationSettings(db: Executor): Promise<TSegmentationSettings> {
  const rows = await db.selectFrom('segmentation_setting').select(['key', 'value', 'version']).execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const get = <K extends SegmentationSettingKey>(key: K) => {
    const row = byKey.get(key);
    if (!row) throw new Error(`segmentation setting ${key} is missing`);
    return { value: SCHEMAS[key].parse(row.value) as SegmentationSetting<K>, version: row.version };
  };
  const alerts = get('alerts');
  const quadrants = get('quadrants');
  const lists = get('lists');
  return { alerts: alerts.value, quadrants: quadrants.value, lists: lists.value, versions: { alerts: alerts.version, quadrants: quadrants.version, lists: lists.version } };
}

export { SCHEMAS as SEGMENTATION_SETTING_SCHEMAS };
