// How the management pages print times, money and counts, in the console's
// language (Intl does the localisation).

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(time);
}

// Balances are exact to the micro-dollar; show cents at least and up to six
// decimals, so a request that cost $0.000013 is still visible.
export function formatUsd(amount: number, locale: string, signed = false): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 6,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(amount);
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
