import type { TCreateOrgUnitRequest, TOrgUnit, TUpdateOrgUnitRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authKeys } from './auth.ts';
import { apiFetch } from './client.ts';

export const orgUnitKeys = {
  all: ['org-units'] as const,
  list: () => [...orgUnitKeys.all, 'list'] as const,
};

/** Every org unit in the caller's subtree, as a flat list (see buildOrgTree). */
export function useOrgUnits(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgUnitKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ items: TOrgUnit[] }>('/org-units', { signal }).then((r) => r.items),
    enabled: options.enabled ?? true,
  });
}

export function useCreateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateOrgUnitRequest) => apiFetch<TOrgUnit>('/org-units', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}

export function useUpdateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateOrgUnitRequest & { id: string }) => apiFetch<TOrgUnit>(`/org-units/${id}`, { method: 'PATCH', body }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: orgUnitKeys.all });
      // The signed-in user's own unit may have been renamed.
      await queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
