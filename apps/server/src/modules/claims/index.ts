/** Public API of the claims module (reporting, workflow, clocks, fast track, documents, payments, the 360 claims section). */
export { claimRoutes, type ClaimRouteOptions } from './claim.routes.ts';
export { claimsSection } from './claims-section.ts';
export { reportClaim, transitionClaim, sendDocumentNotice, uploadClaimDocument, adjustClaim, approveClaim, denyClaim, recordDenialNotice, recordClaimPayment, flagClaim } from './claim-write.service.ts';
export { sweepClaimClocks } from './claim-sweep.ts';
export { listPortalClaims, getPortalClaim, reportPortalClaim, uploadPortalDocument } from './claim-portal.service.ts';
export { DocumentStore } from './claim-files.ts';
export { claimSettingsRoutes } from './claim-settings.routes.ts';
export { findClaimRef } from './claim-read.service.ts';
/** The claim workflow's moves (each notified to the customer by its code). */
export { CLAIM_MOVES } from './claim-status.ts';
