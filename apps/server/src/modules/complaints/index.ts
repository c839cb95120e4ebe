/** Public API of the complaints module (three-tier handling, clocks, the four records, playbook). */
export { complaintRoutes } from './complaint.routes.ts';
export { createComplaint, actOnComplaint, sweepComplaintClocks } from './complaint-write.service.ts';
export { complaintAnalysis } from './complaint-analysis.service.ts';
export { analysisWorkbook } from './complaint-analysis.xlsx.ts';
export { listPortalComplaints, getPortalComplaint, submitPortalComplaint, respondToPortalComplaint } from './complaint-portal.service.ts';
export { complaintsSection } from './complaints-section.ts';
export { escalateOverdueActions, openServiceImprovementInTransaction } from './corrective-action.service.ts';
