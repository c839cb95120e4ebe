// Contracts of the customers module: zod schemas named Z…, types T… (see shared/CONVENTIONS.md).
export {};
