// Numbers, money, latencies and times of usage figures, in the console's
// language (Intl). Cached formatters: charts call these for every label.

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export const DASH = '—';

export function formatInteger(value: number | null | undefined, locale: string): string {
  if (!finite(value)) return DASH;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

// 1234567 → "1.2M" / "123万": for axes and cards where space is short.
export function formatCompact(value: number | null | undefined, locale: string): string {
  if (!finite(value)) return DASH;
  if (Math.abs(value) < 10_000) return formatInteger(value, locale);
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

// US dollars. Request costs are often fractions of a cent, so amounts under
// a dollar keep up to six decimals (the gateway's precision, micro-dollars);
// larger ones show cents.
export function formatCost(usd: number | null | undefined, locale: string): string {
  if (!finite(usd)) return DASH;
  const small = Math.abs(usd) < 1 && usd !== 0;
  return numberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 6 : 2,
  }).format(usd);
}

// Milliseconds → "812 ms" or "1.45 s".
export function formatLatency(ms: number | null | undefined, locale: string): string {
  if (!finite(ms)) return DASH;
  if (Math.abs(ms) < 1000) {
    return `${numberFormat(locale, { maximumFractionDigits: ms < 10 ? 1 : 0 }).format(ms)} ms`;
  }
  return `${numberFormat(locale, { maximumFractionDigits: 2 }).format(ms / 1000)} s`;
}

// A ratio (0.0069) → "0.69%".
export function formatPercent(ratio: number | null | undefined, locale: string): string {
  if (!finite(ratio)) return DASH;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(ratio);
}

// USD per token as the registry prints it ("0.0000025") → USD per million
// tokens (2.5). Rounded to micro-dollars per million so 0.0000003 × 10^6
// is 0.3, not 0.30000000000000004.
export function perMillionTokens(perToken: string | number | null | undefined): number | null {
  if (perToken === null || perToken === undefined || perToken === '') return null;
  const value = typeof perToken === 'number' ? perToken : Number(perToken);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 1e12) / 1e6;
}

export function formatPricePerMillion(perToken: string | number | null | undefined, locale: string): string {
  const value = perMillionTokens(perToken);
  if (value === null) return DASH;
  return numberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 6,
  }).format(value);
}

// A record's time in the viewer's zone, to the second.
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return DASH;
  return date.toLocaleString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

// The label of a series bucket. Hours show in the viewer's zone; days are
// UTC days on the gateway, so they are labelled in UTC or a viewer west of
// Greenwich would see every day shifted back by one.
export function formatBucket(iso: string, grouping: 'hour' | 'day', locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (grouping === 'day') {
    return date.toLocaleDateString(locale, { month: '2-digit', day: '2-digit', timeZone: 'UTC' });
  }
  return date.toLocaleString(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}
