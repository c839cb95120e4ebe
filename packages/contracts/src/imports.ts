// Contracts of the imports module: zod schemas named Z…, types T… (see shared/CONVENTIONS.md).
export {};
