import type { TServiceKpis } from '@anxin/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

export const serviceKpiKeys = {
  all: ['service-kpis'] as const,
  period: (from: string, to: string) => [...serviceKpiKeys.all, from, to] as const,
};

/** Customer-service KPIs over a period (dates inclusive, Shanghai calendar days). */
export function useServiceKpis(from: string, to: string) {
  return useQuery({ queryKey: serviceKpiKeys.period(from, to), queryFn: ({ signal }) => apiFetch<TServiceKpis>('/service/kpis', { signal, query: { from, to } }) });
}
