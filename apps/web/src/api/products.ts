import type { TCreateProductRequest, TProduct, TProductLine, TProductList, TUpdateProductRequest } from '@anxin/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

/** Catalogue filters, as the API takes them. */
export interface ProductListFilters {
  line?: TProductLine;
  active?: 'true' | 'false';
  q?: string;
}

export const productKeys = {
  all: ['products'] as const,
  lists: () => [...productKeys.all, 'list'] as const,
  list: (filters: ProductListFilters) => [...productKeys.lists(), filters] as const,
  details: () => [...productKeys.all, 'detail'] as const,
  detail: (id: string) => [...productKeys.details(), id] as const,
};

/** The product catalogue (small: loaded whole, filtered on the server). */
export function useProducts(filters: ProductListFilters = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: productKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<TProductList>('/products', { signal, query: { ...filters } }).then((r) => r.items),
    enabled: options.enabled ?? true,
    staleTime: 60_000,
  });
}

export function useProduct(id: string | undefined) {
  return useQuery({
    queryKey: productKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<TProduct>(`/products/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateProductRequest) => apiFetch<TProduct>('/products', { method: 'POST', body }),
    onSuccess: async (product) => {
      queryClient.setQueryData(productKeys.detail(product.id), product);
      await queryClient.invalidateQueries({ queryKey: productKeys.lists() });
    },
  });
}

export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateProductRequest & { id: string }) => apiFetch<TProduct>(`/products/${id}`, { method: 'PATCH', body }),
    onSuccess: (product) => queryClient.setQueryData(productKeys.detail(product.id), product),
    onSettled: () => queryClient.invalidateQueries({ queryKey: productKeys.lists() }),
  });
}
