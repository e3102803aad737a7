import { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain/locale';

/**
 * Picks the best supported language from an `Accept-Language` header (RFC 9110 weights).
 * French when the header is absent, malformed, or names nothing we support.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const r of ranked) {
    if ((LOCALES as readonly string[]).includes(r.lang)) return r.lang as Locale;
    if (r.lang === '*') return DEFAULT_LOCALE;
  }
  return DEFAULT_LOCALE;
}
