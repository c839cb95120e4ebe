export * from './errors.ts';
export * from './common.ts';
export * from './org.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './health.ts';
