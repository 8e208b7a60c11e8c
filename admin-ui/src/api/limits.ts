import { parseUsd, type AmountProblem } from './money';
import type { ApiKeyLimits, OrganizationLimits } from './types';

// Usage caps as the forms edit them: one text box per cap, where an empty
// box means "no cap" (null in the API). Requests and tokens are whole
// numbers ≥ 0; costs are US dollars (see money.ts).
export type LimitKind = 'count' | 'usd';

export interface LimitField<K extends string> {
  key: K;
  kind: LimitKind;
}

export type OrganizationLimitKey = keyof OrganizationLimits;
export type ApiKeyLimitKey = keyof ApiKeyLimits;

export const ORGANIZATION_LIMIT_FIELDS: LimitField<OrganizationLimitKey>[] = [
  { key: 'monthly_requests', kind: 'count' },
  { key: 'monthly_tokens', kind: 'count' },
  { key: 'monthly_cost', kind: 'usd' },
  { key: 'yearly_requests', kind: 'count' },
  { key: 'yearly_tokens', kind: 'count' },
  { key: 'yearly_cost', kind: 'usd' },
];

export const API_KEY_LIMIT_FIELDS: LimitField<ApiKeyLimitKey>[] = [
  { key: 'monthly_requests', kind: 'count' },
  { key: 'monthly_tokens', kind: 'count' },
  { key: 'monthly_cost', kind: 'usd' },
];

export type LimitsText<K extends string> = Record<K, string>;
export type LimitValues<K extends string> = Record<K, number | null>;
export type LimitProblem = AmountProblem | 'not_whole';

export type LimitParse = { ok: true; value: number | null } | { ok: false; problem: LimitProblem };

export function parseLimit(text: string, kind: LimitKind): LimitParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (kind === 'usd') {
    const amount = parseUsd(trimmed);
    return amount.ok ? { ok: true, value: amount.value } : amount;
  }
  const digits = trimmed.replace(/[,_\s]/g, '');
  if (/^-\d+$/.test(digits)) return { ok: false, problem: 'negative' };
  if (!/^\+?\d+$/.test(digits)) return { ok: false, problem: 'not_whole' };
  const value = Number(digits);
  // Beyond 2^53 a JSON number would silently change; no real cap is that big.
  if (!Number.isSafeInteger(value)) return { ok: false, problem: 'too_large' };
  return { ok: true, value };
}

export interface LimitsResult<K extends string> {
  limits: LimitValues<K>;
  problems: Partial<Record<K, LimitProblem>>;
}

// The form's texts → the API's `limits` object (every cap present: a number
// or null), plus the problem of each box that does not parse.
export function limitsFromText<K extends string>(fields: LimitField<K>[], text: LimitsText<K>): LimitsResult<K> {
  const limits = {} as LimitValues<K>;
  const problems: Partial<Record<K, LimitProblem>> = {};
  for (const field of fields) {
    const parsed = parseLimit(text[field.key] ?? '', field.kind);
    if (parsed.ok) limits[field.key] = parsed.value;
    else {
      limits[field.key] = null;
      problems[field.key] = parsed.problem;
    }
  }
  return { limits, problems };
}

// The API's caps → the form's texts (null → empty box).
export function limitsToText<K extends string>(fields: LimitField<K>[], limits: Partial<LimitValues<K>> | null | undefined): LimitsText<K> {
  const text = {} as LimitsText<K>;
  for (const field of fields) {
    const value = limits?.[field.key];
    text[field.key] = value === null || value === undefined ? '' : String(value);
  }
  return text;
}

// Only the caps that differ, for a PATCH (absent = unchanged, null = remove).
export function changedLimits<K extends string>(
  fields: LimitField<K>[],
  before: Partial<LimitValues<K>> | null | undefined,
  after: LimitValues<K>,
): Partial<LimitValues<K>> {
  const changed: Partial<LimitValues<K>> = {};
  for (const field of fields) {
    const old = before?.[field.key] ?? null;
    if (old !== after[field.key]) changed[field.key] = after[field.key];
  }
  return changed;
}

export function hasAnyLimit<K extends string>(limits: Partial<LimitValues<K>> | null | undefined): boolean {
  return !!limits && Object.values(limits).some((v) => v !== null && v !== undefined);
}
