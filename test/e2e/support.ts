/**
 * Shared pieces of the browser tests: the local stack, Debian's Chromium (never a downloaded
 * browser), and the local mailbox (`GET /_local/mail`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../helpers/local-runtime';

/** Chromium from the distribution; the flags keep it quiet and offline in CI. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Stack {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The local runtime, started for this test file. `E2E_BASE_URL` points the tests at a runtime that
 * is already running (e.g. `npm start` in another terminal) instead; it must serve `/_local/mail`.
 */
export async function startStack(args: readonly string[] = []): Promise<Stack> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), stop: async () => undefined };
  const runtime: LocalRuntime = await startLocalRuntime({ args: [...args] });
  // "ready" is printed once it listens; wait until the API answers too (a demo hub seeds first).
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

export interface CaughtMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export async function listMail(baseUrl: string): Promise<CaughtMail[]> {
  const response = await fetch(`${baseUrl}/_local/mail`);
  if (!response.ok) throw new Error(`GET /_local/mail answered ${response.status}`);
  return (await response.json()) as CaughtMail[];
}

/** Polls the mailbox until a message to `address` arrives. */
export async function waitForMail(baseUrl: string, address: string, timeoutMs = 20_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listMail(baseUrl)).find((m) => String(m.to).toLowerCase().includes(address.toLowerCase()));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to the test address within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The verification link of a message, from its HTML (entities decoded) or its text. */
/** Signs a mentee up through the API (no browser) and resolves the mail the hub sent for it. */
export async function signUpMenteeAndWaitForMail(baseUrl: string, email: string): Promise<CaughtMail> {
  const response = await fetch(`${baseUrl}/api/mentees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      firstName: 'Inès',
      lastName: 'Morel',
      email,
      track: 'job_search',
      sector: 'J',
      needs: ['cv_interview'],
      languages: ['fr'],
      postalCode: '13001',
      communeCode: '13201',
      meetingModes: ['remote'],
      consent: true,
    }),
  });
  if (response.status >= 300) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  return waitForMail(baseUrl, email);
}

export function verifyLinkOf(mail: CaughtMail): string {
  const pattern = /https?:\/\/[^\s"'<>]+\/verify\.html#token=[^\s"'<>]+/;
  const html = (mail.html ?? '').replace(/&amp;/g, '&').replace(/&#x3D;|&#61;/gi, '=');
  const link = html.match(pattern)?.[0] ?? (mail.text ?? '').match(pattern)?.[0];
  if (!link) throw new Error(`no verification link in the message "${mail.subject}"`);
  return link;
}

/** A fresh address per test, so runs never collide with earlier data. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

/** Records the API requests a page makes, to assert what did (or did not) reach the server. */
export function recordApiRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) seen.push(request);
  });
  return seen;
}

export const posts = (requests: readonly Request[], path: string) =>
  requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === path);

/** Opens a sign-up form and waits until its code lists are loaded. */
export async function openForm(page: Page, baseUrl: string, role: 'mentor' | 'mentee'): Promise<void> {
  await page.goto(`${baseUrl}/${role}.html`);
  await page.locator('#signup-form').waitFor({ state: 'visible' });
}

/**
 * Collects Content-Security-Policy violations of every page of a context. The local runtime sends
 * the same policy as CloudFront, so a violation here would break the page in production.
 */
export function recordCspViolations(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

export interface BrowserSession {
  readonly stack: Stack;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Registers the hooks of a browser test file: one local stack (started with `hubArgs`, e.g.
 * `--demo`) and one browser for the file, a fresh context and page for each test, and no
 * Content-Security-Policy violation allowed.
 */
export function useBrowserSession(options: BrowserContextOptions, hubArgs: readonly string[] = []): BrowserSession {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let cspViolations: string[] = [];
  beforeAll(async () => {
    stack = await startStack(hubArgs);
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
    if (value === undefined) throw new Error(`browser session: ${name} is not started yet`);
    return value;
  };
  return {
    get stack() { return ready(stack, 'stack'); },
    get browser() { return ready(browser, 'browser'); },
    get context() { return ready(context, 'context'); },
    get page() { return ready(page, 'page'); },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core against WCAG 2.0/2.1 A and AA on the page as it is now; zero violations allowed, the
 * failure message lists each violation and where. The pages' CSP refuses the injected script, so
 * only an audit's browser context bypasses it.
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
