import type { Customer360Section } from '../customers/index.ts';

/** The policies section of the customer 360° view. */
export const policiesSection: Customer360Section = {
  key: 'policies',
  load: async () => ({ data: { items: [] } }),
};
