/** Public API of the automation module: built-in rules (scheduled and event-based), durable jobs, the outbox dispatcher. */
export { automationRoutes } from './automation.routes.ts';
export { publishAndDeliver, runDueWork, scheduleDailyRuleJobs, type RunDueWorkOptions } from './job-runner.ts';
export { runScheduledRule } from './scheduled-rules.ts';
export { dispatchOutbox } from './event-rules.ts';
export type { AutomationRuntime } from './automation-runtime.ts';
