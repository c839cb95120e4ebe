/** Public API of the org module: org units, staff accounts, and what auth needs to log staff in. */
export { orgRoutes } from './org.routes.ts';
export { createOrgUnit, CHILD_LEVEL } from './org-unit.service.ts';
export { createStaff, type CreateStaffOptions } from './staff.service.ts';
export { createHeadOffice, ensureFirstAdministrator, getSystemActor, HQ_CODE } from './bootstrap.ts';
export { findOrgUnitByCode, findOrgUnitById, findRootOrgUnit, countOrgUnits } from './org-unit.repository.ts';
export {
  findColleagues,
  findStaffById,
  findStaffCredentialsByUsername,
  findStaffPasswordHash,
  incrementFailedLogins,
  touchStaff,
  type StaffRow,
} from './staff.repository.ts';
export { presentStaff } from './staff.presenter.ts';
