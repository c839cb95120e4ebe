import type {
  TCreateSurveyTemplateRequest,
  TPublicSurvey,
  TSatisfactionQuery,
  TSatisfactionReport,
  TSurveyAnswerRequest,
  TSurveySummary,
  TSurveyTemplate,
  TUpdateSurveyTemplateRequest,
} from '@anxin/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

export const surveyKeys = {
  all: ['surveys'] as const,
  templates: () => [...surveyKeys.all, 'templates'] as const,
  customer: (customerId: string) => [...surveyKeys.all, 'customer', customerId] as const,
  satisfaction: (query: TSatisfactionQuery) => [...surveyKeys.all, 'satisfaction', query] as const,
  public: (token: string) => [...surveyKeys.all, 'public', token] as const,
};

export function useSurveyTemplates() {
  return useQuery({ queryKey: surveyKeys.templates(), queryFn: ({ signal }) => apiFetch<{ items: TSurveyTemplate[] }>('/survey-templates', { signal }) });
}

export function useCreateSurveyTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateSurveyTemplateRequest) => apiFetch<TSurveyTemplate>('/survey-templates', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: surveyKeys.templates() }),
  });
}

export function useUpdateSurveyTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateSurveyTemplateRequest }) => apiFetch<TSurveyTemplate>(`/survey-templates/${id}`, { method: 'PATCH', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: surveyKeys.templates() }),
  });
}

/** The surveys sent to one customer, with their CSAT and NPS answers. */
export function useCustomerSurveys(customerId: string) {
  return useQuery({ queryKey: surveyKeys.customer(customerId), queryFn: ({ signal }) => apiFetch<{ items: TSurveySummary[] }>('/surveys', { signal, query: { customerId } }) });
}

/** NPS and CSAT over a period, grouped by unit, product, agent, month or context. */
export function useSatisfaction(query: TSatisfactionQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: surveyKeys.satisfaction(query),
    queryFn: ({ signal }) => apiFetch<TSatisfactionReport>('/satisfaction', { signal, query: { ...query } }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The public survey behind a link (no login): questions only. */
export function usePublicSurvey(token: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.public(token ?? ''),
    queryFn: ({ signal }) => apiFetch<TPublicSurvey>(`/public/surveys/${encodeURIComponent(token ?? '')}`, { signal }),
    enabled: Boolean(token),
    staleTime: Infinity,
  });
}

export function useAnswerPublicSurvey(token: string) {
  return useMutation({
    mutationFn: (body: TSurveyAnswerRequest) => apiFetch<{ status: 'answered' }>(`/public/surveys/${encodeURIComponent(token)}/answers`, { method: 'POST', body }),
  });
}
