// Table types of the policies slice (product, policy, policy_party, endorsement); DDL in migrations/.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PolicyTables {}
