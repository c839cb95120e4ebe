// Contracts of the products module: zod schemas named Z…, types T… (see shared/CONVENTIONS.md).
export {};
