import type { TPortalComplaint, TPortalComplaintRequest, TPortalClaimDetail, TPortalCodeRequest, TPortalCodeSent, TPortalLoginRequest, TPortalMe, TPortalReportClaimRequest, TUploadClaimDocumentRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError } from './client.ts';

export const portalKeys = {
  all: ['portal'] as const,
  me: () => [...portalKeys.all, 'me'] as const,
  claim: (id: string) => [...portalKeys.all, 'claim', id] as const,
};

/** Whether an error means the customer must identify again (no portal session, or it ended). */
export const portalSessionEnded = (error: unknown) => isApiError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'PORTAL_SESSION_EXPIRED');

/** The signed-in customer: policies (and whom they may claim for) and claims. */
export function usePortalMe() {
  return useQuery({ queryKey: portalKeys.me(), queryFn: ({ signal }) => apiFetch<TPortalMe>('/portal/me', { signal }), staleTime: 10_000 });
}

/** One claim of the customer, refreshed every 30 s while open so new steps appear. */
export function usePortalClaim(id: string | undefined) {
  return useQuery({
    queryKey: portalKeys.claim(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TPortalClaimDetail>(`/portal/claims/${id}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: 30_000,
  });
}

export function useRequestPortalCode() {
  return useMutation({ mutationFn: (body: TPortalCodeRequest) => apiFetch<TPortalCodeSent>('/portal/login/code', { method: 'POST', body }) });
}

export function usePortalLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TPortalLoginRequest) => apiFetch<{ expiresAt: string }>('/portal/login', { method: 'POST', body }),
    onSuccess: () => client.removeQueries({ queryKey: portalKeys.all }),
  });
}

export function usePortalLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/portal/logout', { method: 'POST' }),
    onSettled: () => client.removeQueries({ queryKey: portalKeys.all }),
  });
}

export function useReportPortalClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TPortalReportClaimRequest; idempotencyKey: string }) =>
      apiFetch<TPortalClaimDetail>('/portal/claims', { method: 'POST', body, idempotencyKey }),
    onSuccess: (detail) => {
      client.setQueryData(portalKeys.claim(detail.claim.id), detail);
      void client.invalidateQueries({ queryKey: portalKeys.me() });
    },
  });
}

export function useUploadPortalDocument(claimId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUploadClaimDocumentRequest) => apiFetch<TPortalClaimDetail>(`/portal/claims/${claimId}/documents`, { method: 'POST', body }),
    onSuccess: (detail) => client.setQueryData(portalKeys.claim(claimId), detail),
  });
}

export function usePortalComplaint(id: string | undefined) {
  return useQuery({
    queryKey: [...portalKeys.all, 'complaint', id ?? ''],
    queryFn: ({ signal }) => apiFetch<TPortalComplaint>(`/portal/complaints/${id}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: 30_000,
  });
}

export function useSubmitPortalComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TPortalComplaintRequest; idempotencyKey: string }) => apiFetch<TPortalComplaint>('/portal/complaints', { method: 'POST', body, idempotencyKey }),
    onSuccess: (c) => {
      client.setQueryData([...portalKeys.all, 'complaint', c.id], c);
      void client.invalidateQueries({ queryKey: portalKeys.me() });
    },
  });
}

export function useRespondToComplaint(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { response: 'accepts' | 'disputes'; note?: string }) => apiFetch<TPortalComplaint>(`/portal/complaints/${id}/response`, { method: 'POST', body }),
    onSuccess: (c) => {
      client.setQueryData([...portalKeys.all, 'complaint', id], c);
      void client.invalidateQueries({ queryKey: portalKeys.me() });
    },
  });
}
