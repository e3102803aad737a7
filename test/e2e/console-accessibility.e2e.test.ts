/**
 * Accessibility of every console page and state: axe-core (WCAG 2.0/2.1 A and AA, zero
 * violations) on a laptop (1280 px) and a tablet (768 px), for the CCI officer's pages (with
 * their error, edit and confirmation states) and the partner adviser's space; the keyboard reaches
 * the tables' scroll regions; the French typography of what the pages say (no-break spaces before
 * `: ; ! ?`, curly apostrophes, "e‑mail"), checked with the mails' own `typeset` rules. The
 * injected axe script needs `bypassCSP` in this file only (the other console tests check the CSP).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { typeset } from '../../shared/mail/templates';
import { adviserLabel, apiAsPage, audit, OFFICER_LABEL, partnerNamed, partnerWithMostWaiting, signIn, useConsoleSession, waitForConsole } from './console-support';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));

/**
 * The console's own French texts: the string literals of its modules (template literals cut at
 * their `${…}`, escapes decoded) and the text of its pages. What the pages show besides comes from
 * the data (names, partners) and the API (its messages), checked where they are written.
 */
function consoleTexts(): Array<{ where: string; text: string }> {
  const decode = (raw: string) => raw.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\(.)/g, '$1');
  const out: Array<{ where: string; text: string }> = [];
  for (const file of readdirSync(join(WEB, 'assets')).filter((f) => /^console.*\.js$/.test(f))) {
    const source = readFileSync(join(WEB, 'assets', file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, single, template] of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
      for (const piece of (single ?? template ?? '').split(/\$\{[^}]*\}/)) out.push({ where: file, text: decode(piece) });
    }
  }
  for (const file of readdirSync(join(WEB, 'console')).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(WEB, 'console', file), 'utf8').replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '');
    for (const [, text] of html.matchAll(/>([^<]+)</g)) out.push({ where: file, text: text!.replace(/&#xa0;|&nbsp;/g, '\u00a0') });
  }
  // Prose only: words and spaces; selectors, paths, patterns and code are not read by anyone.
  return out.filter(({ text }) => /[a-zà-ÿ]{2,} [a-zà-ÿ]/i.test(text) && !/[=<>{}[\]#\\|]|\.html|^\^|\/\w/.test(text));
}

/** Opens a console page and waits for its content. */
async function open(page: Page, baseUrl: string, path: string) {
  await page.goto(`${baseUrl}${path}`);
  await waitForConsole(page);
}

/** The first record link of the page's first table. */
async function firstRecord(page: Page): Promise<string> {
  const href = await page.locator('#content table tbody tr th a').first().getAttribute('href');
  if (!href) throw new Error('no record link on the page');
  return `/console/${href}`;
}

const viewports = [
  { name: 'laptop', size: { width: 1280, height: 800 } },
  { name: 'tablet', size: { width: 768, height: 1024 } },
] as const;

describe('console accessibility (axe-core, WCAG 2.1 A and AA) and typography', () => {
  const session = useConsoleSession({ bypassCSP: true, locale: 'fr-FR' });

  for (const viewport of viewports) {
    it(`the CCI officer’s pages and their states (${viewport.name})`, async () => {
      const { page, stack } = session;
      const base = stack.baseUrl;
      await page.setViewportSize(viewport.size);
      const check = (state: string) => audit(page, `${viewport.name}, ${state}`);

      await signIn(page, base, OFFICER_LABEL);
      await check('home (À traiter)');

      await open(page, base, '/console/mentors.html?status=pending_validation');
      await check('validation queue');
      await open(page, base, await firstRecord(page));
      await check('mentor awaiting validation');
      await page.getByRole('button', { name: 'Refuser le profil' }).click();
      await page.locator('[data-field="reason"] .field-error').waitFor();
      await check('mentor refusal without a reason');

      await open(page, base, '/console/mentors.html?status=active&minCapacityLeft=1');
      await check('mentor list filtered');
      await open(page, base, await firstRecord(page));
      await check('active mentor');

      await open(page, base, '/console/mentees.html');
      await check('mentee list');
      await open(page, base, await firstRecord(page));
      await check('mentee with ranking');
      await open(page, base, '/console/mentees.html?status=unmatched');
      await open(page, base, await firstRecord(page));
      await check('mentee without a mentor found');

      await open(page, base, '/console/tandems.html');
      await check('tandem list');
      await open(page, base, await firstRecord(page));
      await check('tandem');

      await open(page, base, '/console/partners.html');
      await check('partners');
      await page.getByRole('button', { name: /^Modifier / }).first().click();
      await check('partner being edited');
      await page.getByLabel(/^Nom/).fill('');
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.locator('#console-status .alert-error').waitFor();
      await check('partner edit refused by the API');

      await open(page, base, '/console/cohorts.html');
      await page.getByRole('button', { name: 'Préparer le brouillon' }).click();
      await page.locator('[data-field="partnerId"] .field-error').waitFor();
      await check('cohorts, no partner chosen');
      const draft = await apiAsPage(page, '/admin/cohorts', { method: 'POST', body: { partnerId: await partnerWithMostWaiting(page) } });
      expect(draft.status).toBe(201);
      await open(page, base, `/console/cohort.html?id=${draft.body.id}`);
      await check('cohort draft');
      await page.getByRole('button', { name: /^Garder / }).first().click();
      await page.locator('details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await check('cohort draft with a pending edit and explanations open');
      await page.getByRole('button', { name: /^Annuler/ }).first().click();
      await page.getByRole('button', { name: 'Publier…' }).click();
      await check('cohort publication to confirm');

      await open(page, base, '/console/callback.html');
      await check('sign-in callback without a code');
    }, 180_000);

    it(`the partner adviser’s space and the reserved page (${viewport.name})`, async () => {
      const { page, stack } = session;
      await page.setViewportSize(viewport.size);
      const partner = await partnerNamed(stack.baseUrl, /^Mission locale de Marseille$/);
      const check = (state: string) => audit(page, `${viewport.name}, ${state}`);
      await signIn(page, stack.baseUrl, adviserLabel(partner.name));
      await check('partner space');
      await page.getByRole('button', { name: 'Orienter cette personne' }).click();
      await page.locator('[data-field="firstName"] .field-error').waitFor();
      await check('referral with errors');
      await page.getByLabel(/^Code postal/).fill('13100');
      await page.getByLabel(/^Code postal/).press('Tab');
      await page.getByLabel(/^Commune/).waitFor();
      await check('referral asking for the commune');
      await open(page, stack.baseUrl, '/console/cohorts.html');
      await check('CCI page reserved');
    });
  }

  it('writes French as French is typeset: no-break spaces before : ; ! ?, curly apostrophes, e‑mail unbroken', () => {
    const texts = consoleTexts();
    expect(texts.length).toBeGreaterThan(200);
    const offences = texts.filter(({ text }) => typeset('fr', text) !== text).map(({ where, text }) => `${where}: ${JSON.stringify(text)}`);
    expect(offences).toEqual([]);
  });

  it('reaches every table’s scroll region and the actions by keyboard, with a visible focus', async () => {
    const { page, stack } = session;
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentors.html?status=pending_validation');
    const region = page.locator('.table-scroll').first();
    await expect(region.getAttribute('tabindex')).resolves.toBe('0');
    await expect(region.getAttribute('role')).resolves.toBe('region');
    // Tab from the filter button lands on the table's region, which scrolls with the arrow keys.
    await page.getByRole('button', { name: 'Filtrer' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('table-scroll'))).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    const before = await region.evaluate((el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
  });
});
