/**
 * The proposal page in Chromium, on the local hub: a proposal mail's link opens the page, which
 * shows who, why and until when, takes the token out of the address bar, and gives the one answer
 * of its link — accept (then "the introduction mails are on their way"), decline with a reason;
 * another link of an answered mail says which decision was taken; a broken or missing token says
 * the link is invalid; decline and pause, then the reactivation page. French first, English on
 * the switch; no Content-Security-Policy violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys';
import { launchBrowser, recordCspViolations, recordApiRequests, posts } from './support';
import { seedProposal, startMatchingHub, storedProposal, type MatchingHubStack } from './matching-support';

let hub: MatchingHubStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let csp: string[];

beforeAll(async () => {
  hub = await startMatchingHub();
  browser = await launchBrowser();
}, 200_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});
beforeEach(async () => {
  context = await browser.newContext();
  csp = recordCspViolations(context);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
  expect(csp).toEqual([]);
});

const result = () => page.locator('#proposal-result');

describe('the proposal page', () => {
  it('shows the proposal, takes the token out of the address bar, and records an accept', async () => {
    const { mentee, mentor, links } = await seedProposal(hub);
    const requests = recordApiRequests(page);
    await page.goto(links.accept);
    await page.locator('#proposal').waitFor({ state: 'visible' });
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(() => page.locator('#proposal-intro').innerText()).toContain(mentee.firstName);
    expect(await page.locator('#proposal-track').innerText()).toBe('Création ou reprise d’entreprise');
    expect(await page.locator('#proposal-reasons li').allInnerTexts()).toEqual(['Même secteur\u00a0: hébergement et restauration', 'Besoin ↔ expertise\u00a0: financement']);
    expect(await page.locator('#proposal-deadline').innerText()).toMatch(/^Merci de répondre avant le \S+ \d+ \S+ \d{4} .*\(heure de Paris\)\.$/);
    expect(await page.locator('main').innerText()).not.toContain(mentee.lastName);
    expect(await page.locator('#proposal-reason-field').isHidden()).toBe(true);
    // Opening the page changed nothing: only the view was asked for.
    expect(posts(requests, '/api/proposals/decide')).toHaveLength(0);
    expect((await storedProposal(hub, mentee.id, mentor.id))?.decision).toBeUndefined();

    await page.getByRole('button', { name: `J’accepte d’accompagner ${mentee.firstName}` }).click();
    await result().waitFor({ state: 'visible' });
    expect(await result().innerText()).toContain('Les e\u2011mails de présentation sont en route');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('proposal-result');
    expect((await storedProposal(hub, mentee.id, mentor.id))?.decision).toBe('accept');

    // Another link of the same mail: the decision already taken, and which one (only the fragment
    // changed, so the page is loaded again).
    await page.goto(links.decline);
    await page.reload();
    await result().waitFor({ state: 'visible' });
    expect(await page.locator('#proposal-result-title').innerText()).toBe('Vous avez déjà répondu');
    expect(await result().innerText()).toContain('Vous avez accepté d’accompagner');
  });

  it('records a decline with its reason, in English after the switch', async () => {
    const { mentee, mentor, links } = await seedProposal(hub);
    await page.goto(links.decline);
    await page.locator('#proposal').waitFor({ state: 'visible' });
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('#proposal-track').innerText()).toBe('Starting or taking over a business');
    await page.getByLabel('Why do you decline?').selectOption('not_my_field');
    await page.getByRole('button', { name: 'Decline the proposal' }).click();
    await result().waitFor({ state: 'visible' });
    expect(await page.locator('#proposal-result-title').innerText()).toBe('Thank you for your answer');
    const stored = await storedProposal(hub, mentee.id, mentor.id);
    expect(stored).toMatchObject({ decision: 'decline', declineReason: 'not_my_field' });
  });

  it('pauses on decline and pause, and the reactivation page brings the mentor back', async () => {
    const { mentor, links } = await seedProposal(hub);
    await page.goto(links.declineAndPause);
    await page.locator('#proposal').waitFor({ state: 'visible' });
    expect(await page.locator('#proposal-answer-text').innerText()).toContain('Réactiver mes disponibilités');
    await page.getByRole('button', { name: 'Décliner et suspendre mes disponibilités' }).click();
    await result().waitFor({ state: 'visible' });
    expect((await hub.get(keys.person('mentor', mentor.id)))?.status).toBe('paused');

    await page.goto(links.reactivate);
    expect(new URL(page.url()).hash).toBe('');
    await page.getByRole('button', { name: 'Réactiver mes disponibilités' }).click();
    await page.locator('#reactivate-result').waitFor({ state: 'visible' });
    expect(await page.locator('#reactivate-result-title').innerText()).toBe('Vos disponibilités sont réactivées');
    expect((await hub.get(keys.person('mentor', mentor.id)))?.status).toBe('active');
  });

  it('says a broken or missing link is invalid, without asking the server to decide', async () => {
    const requests = recordApiRequests(page);
    await page.goto(`${hub.baseUrl}/proposal.html#token=not-a-real-token-0123456789`);
    await result().waitFor({ state: 'visible' });
    expect(await page.locator('#proposal-result-title').innerText()).toBe('Ce lien n’est pas valide');
    await page.goto(`${hub.baseUrl}/reactivate.html`);
    await page.locator('#reactivate-result').waitFor({ state: 'visible' });
    expect(await page.locator('#reactivate-result-title').innerText()).toBe('Ce lien n’est pas valide');
    expect(posts(requests, '/api/proposals/decide')).toHaveLength(0);
  });
});
