/** Boards answer either a bare list or `{items}`: the console reads both. */
export function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items))
    return (body as { items: T[] }).items;
  return [];
}
