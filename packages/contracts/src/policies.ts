// Contracts of the policies module: zod schemas named Z…, types T… (see shared/CONVENTIONS.md).
export {};
