// Functions the compute.ts test runs in a worker thread.
import { threadId } from 'node:worker_threads';
import { fieldError, rule } from './errors.ts';

export const whichThread = () => threadId;
export const add = (a: number, b: number) => a + b;
export const later = async (value: string) => new Promise<string>((resolve) => setTimeout(() => resolve(value), 10));
export const fail = () => {
  throw new Error('no answer to that');
};
export const refuse = () => {
  throw fieldError('body.kMax', rule('too_big', 'must not be above 12', { maximum: 12 }));
};
