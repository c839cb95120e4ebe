import type { TAutomationRule, TAutomationRuleCode, TAutomationRun, TJobRunResult, TUpdateAutomationRuleRequest } from '@anxin/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';
import { serviceMessageKeys } from './service-messages.ts';
import { taskKeys } from './tasks.ts';
import { visitKeys } from './visits.ts';

export interface AutomationRunFilters {
  ruleCode?: TAutomationRuleCode;
  customerId?: string;
  limit?: number;
}

export const automationKeys = {
  all: ['automation'] as const,
  rules: () => [...automationKeys.all, 'rules'] as const,
  runs: (filters: AutomationRunFilters) => [...automationKeys.all, 'runs', filters] as const,
};

export function useAutomationRules() {
  return useQuery({ queryKey: automationKeys.rules(), queryFn: ({ signal }) => apiFetch<{ items: TAutomationRule[] }>('/automation/rules', { signal }) });
}

/** Switches a rule on or off or changes its parameters; the answer replaces the cached rule. */
export function useUpdateAutomationRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: TAutomationRuleCode; body: TUpdateAutomationRuleRequest }) => apiFetch<TAutomationRule>(`/automation/rules/${code}`, { method: 'PATCH', body }),
    onSuccess: (rule) => {
      client.setQueryData<{ items: TAutomationRule[] }>(automationKeys.rules(), (old) => old && { items: old.items.map((r) => (r.code === rule.code ? rule : r)) });
      void client.invalidateQueries({ queryKey: automationKeys.rules() });
    },
  });
}

/** What the rules did recently, newest first. */
export function useAutomationRuns(filters: AutomationRunFilters) {
  return useQuery({
    queryKey: automationKeys.runs(filters),
    queryFn: ({ signal }) => apiFetch<{ items: TAutomationRun[] }>('/automation/runs', { signal, query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

/** Runs the due work (events, rule sweeps, messages, escalations) now instead of waiting for the worker. */
export function useRunDueWork() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TJobRunResult>('/automation/run-due', { method: 'POST' }),
    onSuccess: () => {
      for (const queryKey of [automationKeys.all, taskKeys.all, visitKeys.all, serviceMessageKeys.all]) void client.invalidateQueries({ queryKey });
    },
  });
}
