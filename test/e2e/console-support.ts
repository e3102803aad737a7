/**
 * Shared pieces of the console's browser tests: the local hub started with the demo programme
 * (`--demo`: 250 mentors, 420 mentees, the partners, mentors awaiting validation, tandems), the
 * sign-in through the local identity provider's page (a click on a demo account, as a person does),
 * and the axe-core audit used on every console page.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startStack, useBrowserSession, type BrowserSession, type Stack } from './support';

export { audit } from './support';

/** The hub with the demo programme, in memory (nothing is left behind). */
export const startDemoStack = (): Promise<Stack> => startStack(['--demo']);

/** The officer's button on the local sign-in page. */
export const OFFICER_LABEL = 'Chargée de mission CCI';

/**
 * Opens `path` of the console; the console sends the browser to the local sign-in page, where the
 * account named `accountLabel` is chosen; resolves once the console page is back and loaded.
 */
export async function signIn(page: Page, baseUrl: string, accountLabel: string | RegExp, path = '/console/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/_local\/auth\/authorize/);
  await page.getByRole('button', { name: accountLabel }).first().click();
  await page.waitForURL((url) => url.pathname.startsWith('/console/') && !url.pathname.endsWith('callback.html'));
  await waitForConsole(page);
}

/** Waits until the page's module has replaced the "Chargement…" placeholder. */
export async function waitForConsole(page: Page): Promise<void> {
  await page.locator('#content .load-status').waitFor({ state: 'detached', timeout: 20_000 });
}

/** The adviser's button of a partner on the sign-in page (its name, then the account's details). */
export const adviserLabel = (partnerName: string) => new RegExp(`^${partnerName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} —`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, read field by field by the tests
export type Json = any;

/** Calls the API with the page's own session (its id token), as the console does. */
export async function apiAsPage(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
  return page.evaluate(
    async ({ p, method, body }) => {
      const token = sessionStorage.getItem('tandem.console.idToken');
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`/api${p}`, { method: method ?? 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { p: path, method: init.method, body: init.body },
  );
}

/** The active partner with the most mentees waiting for a mentor (the cohort's people), read as the officer. */
export async function partnerWithMostWaiting(page: Page): Promise<string> {
  const counts = new Map<string, number>();
  for (const status of ['unmatched', 'awaiting_match']) {
    let cursor: string | undefined;
    do {
      const answer = await apiAsPage(page, `/admin/mentees?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      for (const m of answer.body.items as { partnerId?: string }[]) if (m.partnerId) counts.set(m.partnerId, (counts.get(m.partnerId) ?? 0) + 1);
      cursor = answer.body.nextCursor;
    } while (cursor);
  }
  const active = new Set(((await apiAsPage(page, '/admin/partners?status=active')).body.items as { id: string }[]).map((p) => p.id));
  const best = [...counts].filter(([id]) => active.has(id)).sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error('no partner has a waiting mentee in the demo programme');
  return best[0];
}

/** Looks up a partner of the demo by name through the public list (the referral drop-down's source). */
export async function partnerNamed(baseUrl: string, pattern: RegExp): Promise<{ id: string; name: string }> {
  const body = (await (await fetch(`${baseUrl}/api/partners`)).json()) as { partners: { id: string; name: string }[] };
  const found = body.partners.find((p) => pattern.test(p.name));
  if (!found) throw new Error(`no partner matches ${pattern}`);
  return found;
}

/**
 * The hooks of a console test file: `useBrowserSession` on the demo hub (one hub and one browser
 * for the file, a fresh context, so a fresh sign-in, per test, no CSP violation allowed except
 * where `bypassCSP` is asked, for the audit's injected script).
 */
export function useConsoleSession(options: BrowserContextOptions): BrowserSession {
  return useBrowserSession(options, ['--demo']);
}
