import type {
  TAddRelationshipRequest,
  TContact,
  TCreateContactRequest,
  TCreateCustomerRequest,
  TCustomer,
  TCustomer360,
  TCustomerKind,
  TCustomerList,
  TCustomerSort,
  THousehold,
  TLifecycleStage,
  TRelationship,
  TTier,
  TUnmaskCustomerRequest,
  TUnmaskedCustomer,
  TUpdateContactRequest,
  TUpdateCustomerRequest,
} from '@anxin/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiFetch } from './client.ts';

/** The customer list's filters, as the API takes them; `attributes` become `attr.<key>=<value>`. */
export interface CustomerListFilters {
  q?: string;
  stage?: TLifecycleStage;
  tier?: TTier;
  kind?: TCustomerKind;
  orgUnitId?: string;
  ownerAgentId?: string;
  sort?: TCustomerSort;
  attributes?: Record<string, string>;
}

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (filters: CustomerListFilters, limit: number) => [...customerKeys.lists(), filters, limit] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  detail: (id: string) => [...customerKeys.details(), id] as const,
  view360: (id: string) => [...customerKeys.detail(id), '360'] as const,
  contacts: (id: string) => [...customerKeys.detail(id), 'contacts'] as const,
  relationships: (id: string) => [...customerKeys.detail(id), 'relationships'] as const,
  household: (id: string) => [...customerKeys.detail(id), 'household'] as const,
};

/** The query string of a filtered customer list (also used by the export). */
export function customerFilterQuery(filters: CustomerListFilters): Record<string, string | undefined> {
  const { attributes, ...rest } = filters;
  const query: Record<string, string | undefined> = { ...rest };
  for (const [key, value] of Object.entries(attributes ?? {})) if (value !== '') query[`attr.${key}`] = value;
  return query;
}

/** Customers matching the filters, one keyset page at a time (`fetchNextPage` follows `nextCursor`). */
export function useCustomers(filters: CustomerListFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? 20;
  return useInfiniteQuery({
    queryKey: customerKeys.list(filters, limit),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<TCustomerList>('/customers', { signal, query: { ...customerFilterQuery(filters), cursor: pageParam, limit } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** One customer's profile (masked). */
export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TCustomer>(`/customers/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The customer 360° view. Opening it is audited by the server, so it is not refetched on every focus. */
export function useCustomer360(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.view360(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TCustomer360>(`/customers/${id}/360`, { signal }),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCustomerRequest) => apiFetch<TCustomer>('/customers', { method: 'POST', body }),
    onSuccess: async (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      await queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateCustomerRequest & { id: string }) => apiFetch<TCustomer>(`/customers/${id}`, { method: 'PATCH', body }),
    onSuccess: async (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      await queryClient.invalidateQueries({ queryKey: customerKeys.view360(customer.id) });
      await queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

/**
 * Reads sensitive fields in clear. The server audits the read with the purpose, so this is an
 * explicit action (a mutation): the result lives only in the component that asked, never in the cache.
 */
export function useUnmaskCustomer() {
  return useMutation({
    mutationFn: ({ id, ...body }: TUnmaskCustomerRequest & { id: string }) => apiFetch<TUnmaskedCustomer>(`/customers/${id}/unmask`, { method: 'POST', body }),
  });
}

// ─── Contacts ─────────────────────────────────────────────────────────────────────────────────

const refresh360 = async (queryClient: ReturnType<typeof useQueryClient>, customerId: string) => {
  await queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
};

export function useAddContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateContactRequest) => apiFetch<TContact>(`/customers/${customerId}/contacts`, { method: 'POST', body }),
    onSuccess: () => refresh360(queryClient, customerId),
  });
}

export function useUpdateContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, ...body }: TUpdateContactRequest & { contactId: string }) =>
      apiFetch<TContact>(`/customers/${customerId}/contacts/${contactId}`, { method: 'PATCH', body }),
    onSettled: () => refresh360(queryClient, customerId),
  });
}

export function useDeleteContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) => apiFetch<void>(`/customers/${customerId}/contacts/${contactId}`, { method: 'DELETE' }),
    onSettled: () => refresh360(queryClient, customerId),
  });
}

// ─── Relationships and household ──────────────────────────────────────────────────────────────

export function useHousehold(customerId: string | undefined) {
  return useQuery({
    queryKey: customerKeys.household(customerId ?? ''),
    queryFn: ({ signal }) => apiFetch<THousehold>(`/customers/${customerId}/household`, { signal }),
    enabled: Boolean(customerId),
  });
}

/** Links two customers; the server stores the inverse on the other customer too, so both views refresh. */
export function useAddRelationship(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TAddRelationshipRequest) => apiFetch<TRelationship>(`/customers/${customerId}/relationships`, { method: 'POST', body }),
    onSuccess: async (relationship) => {
      await refresh360(queryClient, customerId);
      await refresh360(queryClient, relationship.relatedCustomerId);
    },
  });
}

export function useRemoveRelationship(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (relationship: Pick<TRelationship, 'id' | 'relatedCustomerId'>) =>
      apiFetch<void>(`/customers/${customerId}/relationships/${relationship.id}`, { method: 'DELETE' }),
    onSettled: async (_result, _error, relationship) => {
      await refresh360(queryClient, customerId);
      await refresh360(queryClient, relationship.relatedCustomerId);
    },
  });
}

// ─── Export ───────────────────────────────────────────────────────────────────────────────────

/** Downloads the filtered list as CSV or XLSX (masked values; the server records an audit event). */
export function useExportCustomers() {
  return useMutation({
    mutationFn: ({ filters, format }: { filters: CustomerListFilters; format: 'csv' | 'xlsx' }) =>
      apiDownload(`/exports/customers.${format}`, { query: customerFilterQuery(filters), fallbackName: `customers.${format}` }),
  });
}
