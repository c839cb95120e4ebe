/** Public API of the customers module (party, contacts, relationships, consents, attributes, interactions, 360). */
export type { Customer360Section, Customer360SectionRead, Customer360SectionResult, Customer360Figures, CustomerSearchLookup } from './customer360-section.ts';
export { customerRoutes, type CustomerRouteOptions } from './customer.routes.ts';
export { createCustomer, createCustomers, updateCustomer, getVisibleCustomer, findCustomerIdByExternalId, findCustomerIdByIdNumber, findCustomerIdsByKeys, findCustomerBasics, findVisibleCustomerIds } from './customer.service.ts';
export { addRelationship, addRelationships, INVERSE_RELATIONSHIP } from './relationship.service.ts';
export { hasConsent, changeConsent } from './consent.service.ts';
export { recordHealthReading, bloodPressureReadingsSince } from './health-reading.service.ts';
export { logInteraction } from './interaction.service.ts';
export { mergeContacts, findMessageRecipient } from './contact.service.ts';
export { listCustomers, listCustomersForExport, type ExportCustomerRow } from './customer-search.service.ts';
export { listAttributeDefinitions } from './attribute.service.ts';
export { presentCustomer, presentCustomerSummary } from './customer.presenter.ts';
// Bulk loading (demo data, benchmarks) and the pure helpers it needs to build valid rows.
export { insertCustomerBatches, type CustomerBatch } from './customer-batch.repository.ts';
export { idNumberCheckDigit, socialCreditCheckChar, namePinyin, normaliseIdNumber, parseIdNumber } from './customer-validation.ts';
export { maskIdNumber, maskBankAccount, maskCustomerName } from './customer-masking.ts';
export { findPortalIdentity } from './portal-identity.ts';
export { syncLifecycleStages } from './lifecycle-stage.ts';
