/**
 * Shared pieces of the console's browser tests: the local hub started with the demo programme
 * (`--demo`: 250 mentors, 420 mentees, the partners, mentors awaiting validation, tandems), the
 * sign-in through the local identity provider's page (a click on a demo account, as a person does),
 * and the axe-core audit used on every console page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startLocalRuntime } from '../helpers/local-runtime';
import { launchBrowser, recordCspViolations, type BrowserSession, type Stack } from './support';

/** The hub with the demo programme, in memory (nothing is left behind). */
export async function startDemoStack(): Promise<Stack> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), stop: async () => undefined };
  const runtime = await startLocalRuntime({ args: ['--demo'] });
  // "ready" is printed once it listens; wait until the API answers too.
  for (let i = 0; ; i++) {
    const ok = await fetch(`${runtime.baseUrl}/api/reference`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 200) {
      await runtime.stop();
      throw new Error(`the hub does not answer:\n${runtime.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { baseUrl: runtime.baseUrl, stop: () => runtime.stop() };
}

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

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core against WCAG 2.0/2.1 A and AA on the page as it is now; zero violations allowed. The
 * pages' CSP refuses the injected script, so only the audit's browser context bypasses it.
 */
export async function audit(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}`).join('\n')}`).join('\n');
  expect(violations, `${state}: axe-core found\n${report}`).toEqual([]);
}

/**
 * The hooks of a console test file, as `useBrowserSession` but on the demo hub: one hub and one
 * browser for the file, a fresh context (so a fresh sign-in) per test, no CSP violation allowed
 * (except where `bypassCSP` is asked, for the audit's injected script).
 */
export function useConsoleSession(options: BrowserContextOptions): BrowserSession {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let cspViolations: string[] = [];
  beforeAll(async () => {
    stack = await startDemoStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    context = await browser!.newContext(options);
    cspViolations = recordCspViolations(context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
    expect(cspViolations).toEqual([]);
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`console session: ${name} is not started yet`);
    return value;
  };
  return {
    get stack() { return ready(stack, 'stack'); },
    get browser() { return ready(browser, 'browser'); },
    get context() { return ready(context, 'context'); },
    get page() { return ready(page, 'page'); },
  };
}
