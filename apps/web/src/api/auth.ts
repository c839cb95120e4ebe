import type { TChangePasswordRequest, TLoginRequest, TLoginResponse, TMe } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

export type Locale = TMe['locale'];

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The signed-in user; fails with 401 when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => apiFetch<TMe>('/auth/me', { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginRequest) => apiFetch<TLoginResponse>('/auth/login', { method: 'POST', body }),
    onSuccess: (result) => {
      // A different user may log in on the same tab: nothing cached for the previous one survives.
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), result.user);
    },
  });
}

/** Ends the session. The caller goes to the login page, which clears the cache. */
export function useLogout() {
  return useMutation({
    mutationFn: () => apiFetch<void>('/auth/logout', { method: 'POST' }),
  });
}

export function useUpdateLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => apiFetch<TMe>('/auth/me', { method: 'PATCH', body: { locale } }),
    onSuccess: (me) => queryClient.setQueryData(authKeys.me(), me),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TChangePasswordRequest) => apiFetch<void>('/auth/password', { method: 'POST', body }),
    onSuccess: async () => {
      queryClient.setQueryData<TMe>(authKeys.me(), (me) => (me ? { ...me, mustChangePassword: false } : me));
      await queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
