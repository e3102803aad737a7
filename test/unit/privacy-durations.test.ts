/**
 * The privacy policy states every retention period the hub applies (docs/follow-up.md, "Retention"),
 * and each stated period is the one the code applies by default: FOLLOW_UP_DEFAULTS and
 * UNVERIFIED_RETENTION_SECONDS. Periods are marked `data-retention="<setting>"` in both languages,
 * so changing a default without the page (or the page without the default) fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { UNVERIFIED_RETENTION_SECONDS } from '../../shared/domain/people';

const page = readFileSync(join(__dirname, '../../web/confidentialite.html'), 'utf8');

/** The periods the page must state, in days. */
const EXPECTED: Record<string, number> = {
  unverified: UNVERIFIED_RETENTION_SECONDS / 86_400,
  unmatchedRetentionDays: FOLLOW_UP_DEFAULTS.unmatchedRetentionDays,
  retentionNoticeDays: FOLLOW_UP_DEFAULTS.retentionNoticeDays,
  closedTandemRetentionDays: FOLLOW_UP_DEFAULTS.closedTandemRetentionDays,
};

/** Days in a unit as the page writes it (a year is 365 days, a month a twelfth of a year). */
const UNIT_DAYS: Record<string, number> = { jour: 1, jours: 1, day: 1, days: 1, mois: 365 / 12, month: 365 / 12, months: 365 / 12, an: 365, ans: 365, year: 365, years: 365 };

/** `12 mois` → 365; undefined when the text is not "<number> <unit>". */
function days(text: string): number | undefined {
  const match = /^(\d+)[\s\u00a0\u202f]+(\p{L}+)$/u.exec(text.trim());
  if (!match) return undefined;
  const unit = UNIT_DAYS[match[2]!];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}

/** The marked periods of one language block. */
function stated(lang: 'fr' | 'en'): Array<{ setting: string; text: string }> {
  const block = new RegExp(`<article[^>]*data-lang-block="${lang}"[^>]*>([\\s\\S]*?)</article>`).exec(page)?.[1] ?? '';
  return [...block.matchAll(/<span data-retention="(\w+)">([^<]+)<\/span>/g)].map(([, setting, text]) => ({ setting: setting!, text: text! }));
}

describe('the privacy policy’s retention periods', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`states each period in ${lang}, equal to the default the code applies`, () => {
      const periods = stated(lang);

      expect(new Set(periods.map((p) => p.setting))).toEqual(new Set(Object.keys(EXPECTED)));
      for (const { setting, text } of periods) expect(days(text), `${lang} ${setting}: ${text}`).toBe(EXPECTED[setting]);
    });
  }

  it('reads a period as a number of days, and refuses what it cannot read', () => {
    expect(days('12 mois')).toBe(365);
    expect(days('3 years')).toBe(1095);
    expect(days('30\u00a0jours')).toBe(30);
    expect(days('un mois')).toBeUndefined();
    expect(days('12 semaines')).toBeUndefined();
  });

  it('says how to get or erase one’s data: by writing to the CCI’s contact', () => {
    expect(page).toContain('Recevoir ou effacer vos informations');
    expect(page).toContain('Receiving or erasing your information');
    expect(page).toMatch(/questionnaire de suivi/);
  });
});
