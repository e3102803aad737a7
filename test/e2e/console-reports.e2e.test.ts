/**
 * The console's « Rapports » page in Chromium, on the hub started with the demo programme (two
 * years of history): the officer chooses last month and reads the headline figures (equal to what
 * the API computes) and the bar charts (visible, their lengths in the order of their values, every
 * rate with its counts and the « non significatif » mark under 5 cases), switches to « par
 * partenaire », produces the report and downloads a file of it through its short-lived link. The
 * page is saved as docs/screenshots/console-reports.png; axe-core audits its states.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, MIN_SIGNIFICANT_CASES } from '../../shared/domain/report';
import { previousMonth } from '../../shared/domain/report-period';
import { apiAsPage, audit, OFFICER_LABEL, signIn, useConsoleSession, waitForConsole, type Json } from './console-support';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** « 72 % (18/25) », or « non significatif (3/4) » under 5 cases, as the report mail and files write it. */
const RATE_TEXT = /^(?:\d{1,3}\u202f%|(non significatif)) \((\d+)\/(\d+)\)$/;

/** The last full month in Paris, as the page and the monthly report read it. */
const lastMonth = () => previousMonth(new Date());

/** Chooses a period and a breakdown in the page's form, as a person does, and waits for the figures. */
async function show(page: Page, period: string, breakdown: 'Ensemble' | 'Par partenaire' | 'Par département'): Promise<void> {
  await page.getByLabel(/^Année/).selectOption(period.slice(0, 4));
  await page.getByLabel(/^Mois/).selectOption(period.length === 7 ? period.slice(5, 7) : '');
  await page.getByLabel(/^Ventilation/).selectOption({ label: breakdown });
  await page.getByRole('button', { name: 'Afficher' }).click();
  await page.locator('#report-results .kpi-cards').waitFor({ timeout: 30_000 });
}

/** The bars of a chart: each row's name, value text and drawn width in pixels. */
async function barsOf(page: Page, chart: string) {
  const rows = page.locator(`figure[data-chart="${chart}"] tbody tr`);
  const out: Array<{ name: string; text: string; width: number; visible: boolean }> = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const fill = row.locator('.bar-fill');
    out.push({
      name: (await row.locator('th').innerText()).trim(),
      text: (await row.locator('.bar-value').innerText()).trim(),
      width: (await fill.boundingBox())?.width ?? 0,
      visible: await row.locator('svg.bar').isVisible(),
    });
  }
  return out;
}

/** The headline card of a KPI: its value and its programme-to-date line. */
const card = (page: Page, id: string) => page.locator(`.kpi-card[data-kpi="${id}"]`);

describe('the console’s « Rapports » page', () => {
  const session = useConsoleSession({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', acceptDownloads: true });

  it('shows last month’s headline figures and charts, by partner too, produces the report and downloads its workbook', async () => {
    const { page, stack } = session;
    const period = lastMonth();
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/rapports.html');
    await expect.poll(() => page.getByRole('link', { name: 'Rapports' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Rapports');

    // Act: last month, overall
    await show(page, period, 'Ensemble');
    expect(new URL(page.url()).searchParams.get('period')).toBe(period);

    // Assert: the headline figures are the API's, visible at the top
    const kpis = await apiAsPage(page, `/admin/reports/kpis?period=${period}`);
    expect(kpis.status).toBe(200);
    const overall: Json = kpis.body.overall;
    const headlines = KPI_DEFINITIONS.filter((d) => d.headline);
    await expect(page.locator('.kpi-card').count()).resolves.toBe(headlines.length);
    for (const kpi of headlines) {
      const value = card(page, kpi.id).locator('.kpi-value');
      expect(await value.isVisible()).toBe(true);
      expect(await card(page, kpi.id).locator('.kpi-label').innerText()).toBe(kpi.label.fr);
      const text = (await value.innerText()).trim();
      if (kpi.kind === 'count') expect(text.replace(/\s/g, '')).toBe(String(overall[kpi.id]));
      if (kpi.kind === 'rate') {
        const [, mark, num, den] = RATE_TEXT.exec(text) ?? [];
        expect([Number(num), Number(den)], `${kpi.id}: ${text}`).toEqual([overall[kpi.id].num, overall[kpi.id].den]);
        expect(Boolean(mark), `${kpi.id} marked: ${text}`).toBe(overall[kpi.id].den < MIN_SIGNIFICANT_CASES);
      }
    }
    // The demo's last month says something: tandems started, hundreds since the start.
    expect(overall.tandems_started).toBeGreaterThan(0);
    const headlineBox = await page.locator('.kpi-cards').boundingBox();
    expect(headlineBox?.y ?? Infinity).toBeLessThan(900);

    // Assert: the bars are drawn, each as long as its value says (the first, largest, the longest)
    const started = await barsOf(page, 'tandems-started');
    expect(started.length).toBeGreaterThan(0);
    for (const bar of started) {
      expect(bar.visible).toBe(true);
      expect(bar.width, `${bar.name}: ${bar.text}`).toBeGreaterThan(0);
    }
    const values = started.map((b) => Number(b.text.replace(/\s/g, '')));
    expect(values.reduce((a, b) => a + b, 0)).toBe(overall.tandems_started);
    for (let i = 1; i < started.length; i++) {
      expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
      expect(started[i]!.width).toBeLessThanOrEqual(started[i - 1]!.width + 0.5);
    }
    if (values[0]! > values.at(-1)!) expect(started[0]!.width).toBeGreaterThan(started.at(-1)!.width);
    // Every rate of a chart with its counts; the mark exactly under 5 cases.
    for (const bar of await barsOf(page, 'positive-exits')) {
      const [, mark, , den] = RATE_TEXT.exec(bar.text) ?? [];
      expect(den, bar.text).toBeDefined();
      expect(Boolean(mark), bar.text).toBe(Number(den) < MIN_SIGNIFICANT_CASES);
    }
    const load = await barsOf(page, 'mentor-load');
    expect(load.length).toBe(4);
    expect(Math.max(...load.map((b) => b.width))).toBeGreaterThan(0);

    // Act: by partner
    await show(page, period, 'Par partenaire');

    // Assert: the full table has a column per partner of the report, the charts stay drawn
    expect(new URL(page.url()).searchParams.get('vue')).toBe('partner');
    await expect.poll(() => page.locator('#console-status').innerText()).toContain('par partenaire');
    const partners = Object.values(kpis.body.by_partner as Record<string, { name: string }>).map((p) => p.name);
    expect(partners.length).toBeGreaterThan(1);
    const columns = await page.locator('section[aria-labelledby="all-title"] thead th').allInnerTexts();
    for (const name of partners.filter((n) => n !== 'Sans partenaire')) expect(columns).toContain(name);
    expect((await barsOf(page, 'tandems-started')).every((b) => b.visible && b.width > 0)).toBe(true);

    // Act: produce the report (mailed after a confirmation)
    await page.getByRole('button', { name: 'Produire le rapport' }).click();
    await page.getByRole('button', { name: 'Confirmer l’envoi' }).click();

    // Assert: the page says what was done, and the period is in the list with its files
    const produced = page.locator('#produce-status');
    await expect.poll(() => produced.innerText(), { timeout: 60_000 }).toMatch(/^Rapport .+ produit\u00a0: \d+\u00a0fichiers enregistrés, envoyé à 1\u00a0adresse\./);
    const row = page.locator('#report-archive tbody tr', { has: page.locator(`[data-period="${period}"]`) });
    await row.waitFor();
    expect(await row.innerText()).toContain('vient d’être produit');
    const workbook = `rapport-${period}.xlsx`;
    for (const file of ['report.json', workbook, 'synthese.csv', 'par-partenaire.csv', 'par-departement.csv', 'mail.html']) {
      await expect(row.locator(`button[data-file="${file}"]`).count(), file).resolves.toBe(1);
    }

    // Act: download the workbook
    const downloading = page.waitForEvent('download');
    await row.locator(`button[data-file="${workbook}"]`).click();
    const download = await downloading;

    // Assert: a short-lived link to that file, left beside the button; the file is the workbook
    expect(download.suggestedFilename()).toBe(workbook);
    const link = row.locator(`a.download-link[data-file="${workbook}"]`);
    const href = await link.getAttribute('href');
    expect(href).toBeTruthy();
    expect(await link.isVisible()).toBe(true);
    expect(await row.innerText()).toMatch(/lien valable jusqu’à \d{2}:\d{2}/);
    const fetched = await fetch(new URL(href!, stack.baseUrl));
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await fetched.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    await expect.poll(() => page.locator('#console-status').innerText()).toContain(`Téléchargement de ${workbook} lancé`);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}console-reports.png`, fullPage: true });
  }, 180_000);

  it('works by keyboard: a breakdown chosen and shown, a chart reached, the production asked for and cancelled', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, `/console/rapports.html?period=${lastMonth()}`);
    await page.locator('#report-results .kpi-cards').waitFor({ timeout: 30_000 });
    const active = () => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? '', chart: document.activeElement?.closest('figure')?.getAttribute('data-chart') ?? null }));

    // Act: « Par partenaire » with the arrow key, then Tab to « Afficher » and Enter
    await page.getByLabel(/^Ventilation/).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect((await active()).text).toBe('Afficher');
    await page.keyboard.press('Enter');

    // Assert: shown and said; the next Tab reaches the first chart's scroll region
    await expect.poll(() => page.locator('#console-status').innerText()).toContain('par partenaire');
    expect(new URL(page.url()).searchParams.get('vue')).toBe('partner');
    await page.keyboard.press('Tab');
    expect((await active()).chart).toBe('tandems-started');

    // Act and assert: « Produire le rapport » asks for a confirmation, which takes the focus; « Annuler » gives it back
    await page.getByRole('button', { name: 'Produire le rapport' }).focus();
    await page.keyboard.press('Enter');
    expect((await active()).text).toBe('Confirmer l’envoi');
    await page.keyboard.press('Tab');
    expect((await active()).text).toBe('Annuler');
    await page.keyboard.press('Enter');
    expect((await active()).text).toBe('Produire le rapport');
  }, 120_000);

  it('has no accessibility violation (axe-core, WCAG 2.1 A and AA) in its states', async () => {
    // The audit's injected script needs a context that bypasses the CSP: its own, in the same browser.
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', bypassCSP: true });
    try {
      const page = await context.newPage();
      const base = session.stack.baseUrl;
      await signIn(page, base, OFFICER_LABEL, `/console/rapports.html?period=${lastMonth()}`);
      await page.locator('#report-results .kpi-cards').waitFor({ timeout: 30_000 });
      await audit(page, 'reports, last month overall');
      await show(page, lastMonth(), 'Par partenaire');
      await audit(page, 'reports by partner');
      await show(page, lastMonth().slice(0, 4), 'Par département');
      await audit(page, 'reports of the year by département');
      await page.getByRole('button', { name: 'Produire le rapport' }).click();
      await page.getByRole('button', { name: 'Confirmer l’envoi' }).waitFor();
      await audit(page, 'report production to confirm');
      await page.goto(`${base}/console/import.html`);
      await waitForConsole(page);
      await audit(page, 'programme import');
    } finally {
      await context.close();
    }
  }, 180_000);
});
