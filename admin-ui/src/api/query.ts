// Query parameters for the gateway's listings. The gateway refuses empty
// values for most filters (`400 invalid_parameter`), so a filter left blank
// in the console is left out of the request instead of sent as "".
export type QueryValue = string | number | boolean | null | undefined;

export function compactQuery(params: Record<string, QueryValue>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed !== '') out[name] = trimmed;
    } else if (typeof value === 'number') {
      if (Number.isFinite(value)) out[name] = value;
    } else {
      out[name] = value;
    }
  }
  return out;
}

// Page and page size as the listings accept them (page ≥ 1, 1 ≤ limit ≤ 100).
export function pageParams(page: number, limit: number): { page: number; limit: number } {
  const safePage = Number.isInteger(page) && page >= 1 ? page : 1;
  const safeLimit = Number.isInteger(limit) ? Math.min(100, Math.max(1, limit)) : 20;
  return { page: safePage, limit: safeLimit };
}
