import type { TRole } from '@anxin/contracts';
import { ROLES } from '@anxin/contracts';

/** The demo insurer: a head office, three province branches, two city branches under each. */
export const DEMO_ORG = {
  code: 'HQ',
  name: '安心保险总公司',
  provinces: [
    { code: 'ZJ', name: '浙江分公司', cities: [{ code: 'ZJ-HZ', name: '杭州中心支公司', user: 'hz' }, { code: 'ZJ-NB', name: '宁波中心支公司', user: 'nb' }], user: 'zj' },
    { code: 'GD', name: '广东分公司', cities: [{ code: 'GD-GZ', name: '广州中心支公司', user: 'gz' }, { code: 'GD-SZ', name: '深圳中心支公司', user: 'sz' }], user: 'gd' },
    { code: 'SC', name: '四川分公司', cities: [{ code: 'SC-CD', name: '成都中心支公司', user: 'cd' }, { code: 'SC-MY', name: '绵阳中心支公司', user: 'my' }], user: 'sc' },
  ],
} as const;

/** One password for every demo account (printed at start and listed in the README). */
export const DEMO_PASSWORD = 'anxin-demo-2026';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '晓东', '思远'];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: TRole;
  unitCode: string;
}

/** Every role in every unit: `admin` at head office, otherwise `<unit>.<role>` (e.g. `hz.agent`). */
export function demoAccounts(): DemoAccount[] {
  const units: { code: string; user: string }[] = [{ code: DEMO_ORG.code, user: 'hq' }];
  for (const p of DEMO_ORG.provinces) {
    units.push({ code: p.code, user: p.user });
    for (const c of p.cities) units.push({ code: c.code, user: c.user });
  }
  let n = 0;
  return units.flatMap((u) =>
    ROLES.map((role) => {
      n++;
      const displayName = `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 11) % GIVEN.length]}`;
      return { username: u.user === 'hq' && role === 'admin' ? 'admin' : `${u.user}.${role}`, displayName, role, unitCode: u.code };
    }),
  );
}
