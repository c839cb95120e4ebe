/** Public API of the service module: tasks, follow-up visits (回访), surveys, satisfaction, loyalty and referrals. */
export { serviceRoutes, type ServiceRouteOptions } from './service.routes.ts';
export { createTaskInTransaction, escalateOverdueTasks, priorityFor, type NewTask } from './task.service.ts';
export { scheduleVisitInTransaction, type NewVisit } from './follow-up-visit.service.ts';
export { answerSurveyById, sendSurveyInTransaction, type SendSurvey } from './survey.service.ts';
export { awardPointsInTransaction } from './loyalty.service.ts';
export { ANNUAL_PREMIUM_SQL, wholeYearsBetween } from './customer-value.ts';
export { DEFAULT_VISIT_METHOD, type VisitMethodThresholds } from './visit-scripts.ts';
