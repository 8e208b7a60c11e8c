// US dollar amounts as the gateway takes them: JSON numbers with at most six
// decimals (it keeps whole micro-dollars and refuses more precision), at most
// 1,000,000,000 either way.
export const MAX_USD = 1_000_000_000;

export type AmountProblem = 'required' | 'not_number' | 'too_many_decimals' | 'too_large' | 'negative' | 'zero';

export type AmountParse = { ok: true; value: number } | { ok: false; problem: AmountProblem };

// Digits before or after the point ("12", "12.", ".5"), an optional sign.
const AMOUNT_PATTERN = /^[+-]?(?=\.?\d)(\d*)(?:\.(\d*))?$/;

// Reads a typed amount ("25.50", "-3", "0.000001") exactly: the decimals are
// checked on the text, never on a float that may have lost them.
export function parseUsd(text: string, options: { allowNegative?: boolean; allowZero?: boolean } = {}): AmountParse {
  const trimmed = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (trimmed === '') return { ok: false, problem: 'required' };
  const match = AMOUNT_PATTERN.exec(trimmed);
  if (!match) return { ok: false, problem: 'not_number' };
  const decimals = match[2] ?? '';
  if (decimals.length > 6) return { ok: false, problem: 'too_many_decimals' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, problem: 'not_number' };
  if (Math.abs(value) > MAX_USD) return { ok: false, problem: 'too_large' };
  if (value < 0 && !options.allowNegative) return { ok: false, problem: 'negative' };
  if (value === 0 && options.allowZero === false) return { ok: false, problem: 'zero' };
  // -0 would serialise as 0 anyway; normalise so comparisons stay simple.
  return { ok: true, value: value === 0 ? 0 : value };
}
