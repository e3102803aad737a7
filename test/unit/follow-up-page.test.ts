/**
 * The follow-up page restates nothing the server owns without a check: its choices are the
 * domain's (fit answers, job and business outcomes, a 1–5 scale), its text limits the schemas',
 * and every key the page and its script use exists in French and English, typeset as the site's
 * other texts (site-typography.test.ts scans i18n.js; this page adds its own texts to it).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BUSINESS_OUTCOMES, FIT_ANSWERS, JOB_OUTCOMES } from '../../shared/domain/follow-up';
import { typeset } from '../../shared/mail/templates';

type Messages = Record<'fr' | 'en', Record<string, string>>;
let site: Messages;
let page: Messages;
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const html = read('web/follow-up.html');
const values = (name: string) => [...html.matchAll(new RegExp(`name="${name}" value="([^"]*)"`, 'g'))].map((m) => m[1]);

beforeAll(async () => {
  vi.stubGlobal('location', { search: '' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  const i18n = '../../web/assets/i18n.js'; // browser modules: loaded, not type-checked
  const script = '../../web/assets/follow-up.js';
  site = ((await import(/* @vite-ignore */ i18n)) as { MESSAGES: Messages }).MESSAGES;
  page = ((await import(/* @vite-ignore */ script)) as { FOLLOW_UP_MESSAGES: Messages }).FOLLOW_UP_MESSAGES;
  vi.unstubAllGlobals();
});

describe('the follow-up page', () => {
  it('offers exactly the domain’s answers', () => {
    expect(values('fit')).toEqual([...FIT_ANSWERS]);
    expect(values('jobSituation')).toEqual([...JOB_OUTCOMES]);
    expect(values('bizSituation')).toEqual([...BUSINESS_OUTCOMES]);
    expect(values('satisfaction')).toEqual(['1', '2', '3', '4', '5']);
    expect(values('firstMeetingHeld')).toEqual(['yes', 'no']);
  });

  it('limits the free texts as the schemas do', () => {
    expect(html).toMatch(/id="progress"[^>]*maxlength="500"/);
    expect(html).toMatch(/id="privateNote"[^>]*maxlength="1000"/);
    expect(html).toMatch(/id="meetingsSince"[^>]*min="0" max="31"/);
  });

  it('labels every control and groups every choice under a legend', () => {
    for (const [, id] of html.matchAll(/<(?:input|textarea)[^>]* id="([^"]+)"/g)) expect(html, id).toContain(`for="${id}"`);
    for (const name of ['firstMeetingHeld', 'fit', 'satisfaction', 'jobSituation', 'bizSituation', 'stillActive']) {
      expect(html, name).toMatch(new RegExp(`<fieldset[^>]*id="${name}-field"[\\s\\S]*?<legend>`));
    }
  });

  it('has every text it uses in French and English', () => {
    const keys = new Set<string>();
    for (const file of ['web/follow-up.html', 'web/assets/follow-up.js']) {
      for (const m of read(file).matchAll(/(?:data-i18n="|['`])((?:fu|proposal|title|common|footer)\.[\w.]+)(?:["'`])/g)) keys.add(m[1]!);
    }
    for (const code of JOB_OUTCOMES) keys.add(`fu.job.${code}`);
    for (const code of BUSINESS_OUTCOMES) keys.add(`fu.biz.${code}`);
    for (const code of FIT_ANSWERS) keys.add(`fu.fit.${code}`);
    expect(keys.size).toBeGreaterThan(50);
    for (const key of keys) {
      expect(site.fr[key], `${key} (fr)`).toBeTruthy();
      expect(site.en[key], `${key} (en)`).toBeTruthy();
    }
  });

  it.each(['fr', 'en'] as const)('writes its %s texts with the site’s typography', (locale) => {
    for (const [key, text] of Object.entries(page[locale])) expect(text, key).toBe(typeset(locale, text));
    expect(Object.keys(page[locale]).sort()).toEqual(Object.keys(page.fr).sort());
  });
});
