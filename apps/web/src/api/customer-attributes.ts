import type { TAttributeDefinition, TCreateAttributeDefinitionRequest, TUpdateAttributeDefinitionRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from './client.ts';

export const customerAttributeKeys = {
  all: ['customer-attributes'] as const,
  list: () => [...customerAttributeKeys.all, 'list'] as const,
};

/** Every custom customer attribute definition (few; loaded whole and cached). */
export function useCustomerAttributes(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerAttributeKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ items: TAttributeDefinition[] }>('/customer-attributes', { signal }).then((r) => r.items),
    enabled: options.enabled ?? true,
    staleTime: 5 * 60_000,
  });
}

export function useCreateCustomerAttribute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateAttributeDefinitionRequest) => apiFetch<TAttributeDefinition>('/customer-attributes', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerAttributeKeys.all }),
  });
}

export function useUpdateCustomerAttribute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateAttributeDefinitionRequest & { id: string }) =>
      apiFetch<TAttributeDefinition>(`/customer-attributes/${id}`, { method: 'PATCH', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerAttributeKeys.all }),
  });
}

export function useDeleteCustomerAttribute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/customer-attributes/${id}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerAttributeKeys.all }),
  });
}

/** An attribute's label (or an enum option's label) in the console's language. */
export function useAttributeLabel() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return {
    of: (definition: Pick<TAttributeDefinition, 'labelZh' | 'labelEn'>) => (english ? definition.labelEn : definition.labelZh),
    option: (definition: Pick<TAttributeDefinition, 'options'>, value: string) => {
      const option = definition.options.find((o) => o.value === value);
      return option ? (english ? option.labelEn : option.labelZh) : value;
    },
  };
}
