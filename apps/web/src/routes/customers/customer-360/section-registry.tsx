import type { TCustomer360 } from '@anxin/contracts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { ClaimsSectionCard } from './components/claims-section-card.tsx';
import { ComplaintsSectionCard } from './components/complaints-section-card.tsx';
import { PoliciesSectionCard, policyOptionsOf } from './components/policies-section-card.tsx';

/**
 * How the console shows one section of the 360 view that another module contributes (`sections`
 * in the API response). A module that adds a section on the server adds one entry here; the page
 * renders every known key it receives and ignores the rest.
 */
export interface Customer360SectionView {
  /** Tab order among the sections (lower first). */
  order: number;
  title: (t: TFunction) => string;
  render: (props: { data: unknown; view: TCustomer360 }) => ReactNode;
  /** Records of the section an interaction can be linked to (e.g. policies), for the log dialog. */
  linkOptions?: (data: unknown) => { id: string; label: string }[];
}

export const CUSTOMER_360_SECTIONS: Readonly<Record<string, Customer360SectionView>> = {
  policies: {
    order: 10,
    title: (t) => t('customer360.sections.policies'),
    render: ({ data, view }) => <PoliciesSectionCard data={data} view={view} />,
    linkOptions: policyOptionsOf,
  },
  claims: {
    order: 20,
    title: (t) => t('customer360.sections.claims'),
    render: ({ data, view }) => <ClaimsSectionCard data={data} view={view} />,
  },
  complaints: {
    order: 30,
    title: (t) => t('customer360.sections.complaints'),
    render: ({ data, view }) => <ComplaintsSectionCard data={data} view={view} />,
  },
};

/** The sections of a 360 response the console knows how to show, in tab order. */
export function knownSections(sections: TCustomer360['sections']): { key: string; data: unknown; view: Customer360SectionView }[] {
  return Object.entries(sections)
    .filter(([key, data]) => data !== undefined && Object.hasOwn(CUSTOMER_360_SECTIONS, key))
    .map(([key, data]) => ({ key, data, view: CUSTOMER_360_SECTIONS[key]! }))
    .sort((a, b) => a.view.order - b.view.order);
}
