/**
 * The report mail as its reader sees it: last month's report run on the demo hub through the
 * local job endpoint (what `npm run report -- --period <last month>` does), the mail taken from
 * the local mailbox and its HTML rendered in Chromium, on a laptop and on a phone. The headline
 * figures are visible and equal to the stored report.json; the charts' bars are drawn, as long as
 * their values say. Saved as docs/screenshots/report-mail.png (and report-mail-phone.png).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, type KpiReport } from '../../shared/domain/report';
import { previousMonth } from '../../shared/domain/report-period';
import { DEFAULT_OPERATOR } from '../../infra/config/stages';
import { listMail, useBrowserSession, type CaughtMail } from './support';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const RECIPIENT = DEFAULT_OPERATOR.programmeEmail;

/** A whole number as the mail writes it (French thousands separator). */
const figure = (text: string) => Number(text.replace(/[\s\u00a0\u202f]/g, ''));

/** The report mail for `period` that arrived after `since`, once it is in the mailbox. */
async function waitForReportMail(baseUrl: string, period: string, since: string, timeoutMs = 60_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listMail(baseUrl)).find((m) => m.to.toLowerCase().includes(RECIPIENT) && /rapport/i.test(m.subject) && m.receivedAt >= since);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no report mail for ${period} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Each bar of the mail's charts: its chart, its row's name and figure, the drawn width of its filled cell. */
async function barsOf(page: Page) {
  return page.locator('table:has(> caption)').evaluateAll((tables) =>
    tables.flatMap((table) =>
      Array.from(table.querySelectorAll(':scope > tbody > tr')).map((row) => {
        const filled = row.querySelector('table td[bgcolor]');
        const box = filled?.getBoundingClientRect();
        const cells = row.querySelectorAll(':scope > td');
        return {
          chart: table.querySelector(':scope > caption')?.textContent ?? '',
          name: row.querySelector(':scope > th')?.textContent ?? '',
          value: cells[cells.length - 1]?.textContent?.trim() ?? '',
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    ),
  );
}

describe('the report mail, rendered in Chromium', () => {
  const session = useBrowserSession({ viewport: { width: 800, height: 1000 }, locale: 'fr-FR' }, ['--demo']);

  it('shows last month’s headline figures (those of report.json) and charts with their bars', async () => {
    const { page, stack } = session;
    const period = previousMonth(new Date());
    const since = new Date().toISOString();

    // Act: the report of last month, as `npm run report` asks the hub for it
    const run = await fetch(`${stack.baseUrl}/_local/jobs/report?period=${period}`, { method: 'POST' });
    expect(run.status, await run.clone().text()).toBe(200);
    const mail = await waitForReportMail(stack.baseUrl, period, since);
    const stored = await fetch(`${stack.baseUrl}/_local/reports/${period}/report.json`);
    expect(stored.status).toBe(200);
    const report = (await stored.json()) as KpiReport;
    expect(report.period.id).toBe(period);
    await page.setContent(mail.html, { waitUntil: 'load' });

    // Assert: the title and the headline figures, visible, equal to the report's
    await expect(page.getByRole('heading', { level: 1 }).isVisible()).resolves.toBe(true);
    const o = report.overall;
    const headline = async (label: string) => {
      const heading = page.getByRole('heading', { name: label, exact: true }).first();
      expect(await heading.isVisible(), label).toBe(true);
      const value = heading.locator('xpath=following-sibling::p[1]');
      expect(await value.isVisible(), label).toBe(true);
      return (await value.innerText()).trim();
    };
    const label = (id: string) => KPI_DEFINITIONS.find((d) => d.id === id)!.label.fr;
    expect(o.tandems_started).toBeGreaterThan(0);
    expect(figure(await headline(label('tandems_started')))).toBe(o.tandems_started);
    expect(figure(await headline(label('tandems_active_end')))).toBe(o.tandems_active_end);
    expect(figure(await headline(label('mentees_waiting')))).toBe(o.mentees_waiting);
    expect(figure(await headline(label('mentors_new')))).toBe(o.mentors_new);
    const exits = await headline(label('job_search_positive_exit'));
    expect(exits).toContain(`(${o.job_search_positive_exit.num}/${o.job_search_positive_exit.den})`);
    if (o.job_search_positive_exit.den >= report.minimumCases) expect(exits).toMatch(new RegExp(`^${Math.round((o.job_search_positive_exit.num / o.job_search_positive_exit.den) * 100)}[\\u00a0\\u202f ]%`));
    else expect(exits).toContain('non significatif');
    const created = await headline(label('business_created'));
    expect(created).toContain(`(${o.business_created.num}/${o.business_created.den})`);

    // Assert: every chart's caption is visible, and its bars are drawn in proportion to their figures
    const bars = await barsOf(page);
    const charts = [...new Set(bars.map((b) => b.chart))];
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const caption of charts) expect(await page.getByText(caption, { exact: true }).first().isVisible(), caption).toBe(true);
    const started = bars.filter((b) => /^Tandems démarrés par partenaire/.test(b.chart));
    expect(started.length).toBeGreaterThan(0);
    expect(started.map((b) => figure(b.value)).reduce((a, b) => a + b, 0)).toBe(o.tandems_started);
    for (const bar of started) {
      if (figure(bar.value) > 0) {
        expect(bar.width, `${bar.name}: ${bar.value}`).toBeGreaterThan(0);
        expect(bar.height, `${bar.name}: ${bar.value}`).toBeGreaterThan(0);
      }
    }
    const largest = started.reduce((a, b) => (figure(b.value) > figure(a.value) ? b : a));
    for (const bar of started) expect(bar.width).toBeLessThanOrEqual(largest.width + 0.5);
    const exitBars = bars.filter((b) => /^Sorties positives/.test(b.chart) && /\(\d+\/\d+\)/.test(b.value));
    expect(exitBars.some((b) => b.width > 0)).toBe(true);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}report-mail.png`, fullPage: true });

    // Assert: on a phone the mail fits its width, the figures and bars still drawn
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(figure(await headline(label('tandems_started')))).toBe(o.tandems_started);
    expect((await barsOf(page)).filter((b) => /^Tandems démarrés par partenaire/.test(b.chart) && figure(b.value) > 0).every((b) => b.width > 0)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}report-mail-phone.png`, fullPage: true });
  }, 180_000);
});
