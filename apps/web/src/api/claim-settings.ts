import type { TClaimClockKind, TClaimSettings, TSaveApprovalAuthorityRequest, TSaveClaimClockRuleRequest, TSaveFastTrackRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

const settingsKey = ['claims', 'settings'] as const;

/** Clock rules and claim settings. */
export function useClaimSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => apiFetch<TClaimSettings>('/claim-settings', { signal }) });
}

/** Each save answers with all settings, which replace the cached ones. */
function useSave<V>(request: (value: V) => Promise<TClaimSettings>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: (settings) => client.setQueryData(settingsKey, settings) });
}

export const useSaveClockRule = () => useSave((body: TSaveClaimClockRuleRequest) => apiFetch<TClaimSettings>('/claim-settings/clock-rules', { method: 'PUT', body }));
export const useDeleteClockRule = () =>
  useSave(({ line, clock }: { line: string; clock: TClaimClockKind }) => apiFetch<TClaimSettings>(`/claim-settings/clock-rules/${line}/${clock}`, { method: 'DELETE' }));
export const useSaveFastTrack = () => useSave((body: TSaveFastTrackRequest) => apiFetch<TClaimSettings>('/claim-settings/fast-track', { method: 'PUT', body }));
export const useSaveApprovalAuthority = () => useSave((body: TSaveApprovalAuthorityRequest) => apiFetch<TClaimSettings>('/claim-settings/approval-authority', { method: 'PUT', body }));
