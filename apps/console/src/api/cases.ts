import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/**
 * The case view (GET /cases/:id, by id or tracking code), or as it was at an instant (`asOf`). Every
 * page reading a case shares the query key, so a command's answer updates them all.
 */
export function useCase(id: string, { asOf, enabled = true }: { asOf?: string; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: asOf === undefined ? ['case', id] : ['case', id, 'asOf', asOf],
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases/{id}', {
          params: { path: { id }, ...(asOf === undefined ? {} : { query: { asOf } }) },
        }),
      ),
  });
}

/** Every event of the case, oldest first (GET /cases/:id/history). */
export function useCaseHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', id, 'history'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/history', { params: { path: { id } } })),
  });
}
