// Table types of the customers slice (customer, contact_point, relationship, customer_attribute_definition, consent, consent_event, interaction); DDL in migrations/.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomerTables {}
