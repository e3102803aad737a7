/**
 * Issue 9 end to end on the local hub, workflow runner included: a mentee referred by a partner
 * signs up and confirms the address in Chromium; the workflow ranks the available mentors and the
 * best one gets the proposal mail (the other nothing); the mentor accepts on the proposal page;
 * the tandem exists and the introduction mails reach the mentor, the mentee and the partner.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys';
import { launchBrowser, listMail, recordCspViolations, uniqueEmail, verifyLinkOf, waitForMail } from './support';
import { proposalLinksOf, seedActiveMentor, seedPartner, startMatchingHub, uniqueFirstName, type MatchingHubStack } from './matching-support';

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

describe('from sign-up to tandem', () => {
  it('proposes the best mentor, who accepts; the introductions reach mentor, mentee and partner', async () => {
    const partner = await seedPartner(hub, uniqueEmail('partner'));
    const best = await seedActiveMentor(hub, { firstName: 'Camille', tracks: ['job_search'], sectors: ['J'], expertise: ['cv_interview', 'networking'], meetingModes: ['remote'] });
    const other = await seedActiveMentor(hub, { firstName: 'Dominique', tracks: ['job_search'], sectors: ['A'], expertise: ['funding'], meetingModes: ['remote'] });
    const email = uniqueEmail('mentee-flow');
    const firstName = uniqueFirstName('Ines');
    const signUp = await fetch(`${hub.baseUrl}/api/mentees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        firstName,
        lastName: 'Morel',
        email,
        track: 'job_search',
        sector: 'J',
        needs: ['cv_interview'],
        languages: ['fr'],
        postalCode: '13001',
        communeCode: '13201',
        meetingModes: ['remote'],
        partnerId: partner.id,
        consent: true,
      }),
    });
    expect(signUp.status).toBe(202);

    // The mentee confirms the address on the verification page.
    await page.goto(verifyLinkOf(await waitForMail(hub.baseUrl, email)));
    await page.locator('#verify-button').click();
    await page.locator('#verify-result').waitFor({ state: 'visible' });

    // The workflow proposes the best mentor first.
    const proposal = await waitForMail(hub.baseUrl, best.email, 60_000);
    expect(proposal.subject).toBe(`Proposition de mentorat\u00a0: ${firstName}, recherche d’emploi`);
    expect(proposal.text).not.toContain('Morel');
    expect(proposal.text).not.toContain(email);
    expect((await listMail(hub.baseUrl)).some((m) => m.to.includes(other.email))).toBe(false);

    // The mentor accepts on the proposal page.
    await page.goto(proposalLinksOf(proposal).accept);
    await page.getByRole('button', { name: `J’accepte d’accompagner ${firstName}` }).click();
    await page.locator('#proposal-result').waitFor({ state: 'visible' });
    expect(await page.locator('#proposal-result').innerText()).toContain('Les e\u2011mails de présentation sont en route');

    // The introductions: each member gets the other's address; the partner both names.
    const introduction = async (address: string) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const found = (await listMail(hub.baseUrl)).find((m) => m.to.includes(address) && /tandem|mentor/i.test(m.subject) && !m.subject.startsWith('Proposition'));
        if (found) return found;
        if (Date.now() > deadline) throw new Error('no introduction mail within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const toMentor = await introduction(best.email);
    expect(toMentor.subject).toBe(`Votre tandem avec ${firstName} Morel commence`);
    expect(toMentor.text).toContain(email);
    const toMentee = await introduction(email);
    expect(toMentee.subject).toBe(`Vous avez un mentor\u00a0: Camille ${best.lastName}`);
    expect(toMentee.text).toContain(best.email);
    const toPartner = await introduction(partner.contactEmail!);
    expect(toPartner.subject).toBe(`${firstName} Morel a un mentor`);
    expect(toPartner.text).not.toContain(best.email);

    const mentor = await hub.get(keys.person('mentor', best.id));
    expect(mentor).toMatchObject({ activeMentees: 1 });
  });
});
