/**
 * What a caller may set on a query hook, `useXQuery(vars, options)`. The key, the fetcher
 * and the domain's own defaults come from its queryOptions() factory; these are the
 * per-view choices (TanStack's full option types are tied to each key's tuple type, so
 * they are named here instead of derived).
 */
export type QueryHookOptions = {
  /** False holds the query until what it needs is known (an id, a finished form). */
  enabled?: boolean;
  staleTime?: number;
  refetchInterval?: number | false;
};
