// Dates in 和暦 or 西暦 and money in 円, 千円 or 百万円, as the user chose.
import type { Prefs } from './prefs';

const warekiDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});
const warekiYear = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' });

function parseIso(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** "令和8年11月27日" or "2026-11-27" (ja) / "2026-11-27" (en, 西暦) for an ISO date. */
export function fmtDate(iso: string | null | undefined, prefs: Prefs): string {
  if (!iso) return '—';
  const d = parseIso(iso);
  if (!d) return iso;
  if (prefs.era === 'wareki') return warekiDate.format(d);
  return iso.slice(0, 10);
}

/** The fiscal year April N – March N+1 as "令和8年度" / "2026年度" / "FY2026". */
export function fmtFiscalYear(fy: number | null | undefined, prefs: Prefs): string {
  if (fy === null || fy === undefined) return '—';
  if (prefs.era === 'wareki') {
    // The era in force in the fiscal year's first summer names it: FY2019 is 令和元年度
    // (the era changed on 1 May 2019), FY1988 is 昭和63年度, FY1989 平成元年度.
    const label = warekiYear.format(new Date(Date.UTC(fy, 5, 1)));
    return `${label.replace(/年$/, '')}年度`;
  }
  return prefs.lang === 'en' ? `FY${fy}` : `${fy}年度`;
}

const yen = new Intl.NumberFormat('ja-JP');
const oneDecimal = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/** Money in the chosen unit: "¥12,345,000", "12,345千円" or "12.3百万円"; null shows as hidden. */
export function fmtMoney(amount: number | null | undefined, prefs: Prefs): string {
  if (amount === null || amount === undefined) return '—';
  switch (prefs.money) {
    case 'sen':
      return `${yen.format(Math.round(amount / 1000))}千円`;
    case 'hyakuman':
      return `${oneDecimal.format(amount / 1_000_000)}百万円`;
    default:
      return `¥${yen.format(amount)}`;
  }
}

/** A count with thousands separators. */
export function fmtCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : yen.format(n);
}

/** Today's date in Japan as YYYY-MM-DD (the server's business dates are JST). */
export function todayJst(): string {
  const now = new Date(Date.now() + 9 * 3600 * 1000);
  return now.toISOString().slice(0, 10);
}

/** The fiscal year (April start) a date falls in. */
export function fiscalYearOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return m >= 4 ? y : y - 1;
}
