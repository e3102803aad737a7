/**
 * The follow-up page in Chromium, on the local hub: a check-in link opens the form (the token
 * leaves the address bar; opening changes nothing), a form sent incomplete names its errors, a
 * complete one is recorded on the round ("Merci") with the help request's alert, and the same link
 * then says it was answered; the partner's outcome link names the beneficiary and records the
 * outcome; a broken token says the link is invalid. The items are written with the stores' item
 * builders and the links signed with the hub's key, as the check-ins job and the mail consumer
 * will. axe-core finds nothing on the form, with errors and answered, at 390 px; the page fits a
 * phone's width. No Content-Security-Policy violation.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkInRoundItem, outcomeSurveyItem, personItem, silenceWatchItem, tandemItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import type { CheckInRound, OutcomeSurvey } from '../../shared/domain/follow-up';
import type { Tandem } from '../../shared/domain/matching';
import { checkInSubject, outcomeSubject } from '../../shared/links/follow-up-links';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';
import { hubSigner, seedPartner, startMatchingHub, uniqueFirstName, type MatchingHubStack } from './matching-support';
import { audit, launchBrowser, posts, recordApiRequests, recordCspViolations } from './support';

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
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  csp = recordCspViolations(context);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
  expect(csp).toEqual([]);
});

const DAY = 86_400_000;

/** An active tandem of fresh people, mailed its first check-in a day ago and its 3-month outcome survey. */
async function seedTandem(options: { partnerId?: string; track?: 'job_search' | 'business_creation' } = {}) {
  const mentor = mentorProfile({ firstName: uniqueFirstName('Camille') });
  const mentee = menteeProfile({ firstName: uniqueFirstName('Yanis'), status: 'in_tandem', track: options.track ?? 'job_search', ...(options.partnerId ? { partnerId: options.partnerId } : {}) });
  const now = Date.now();
  const iso = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();
  const tandem: Tandem = {
    id: randomUUID(),
    menteeId: mentee.id,
    mentorId: mentor.id,
    track: mentee.track,
    status: 'active',
    startedAt: iso(-15),
    attempt: 1,
    ...(options.partnerId ? { partnerId: options.partnerId } : {}),
  };
  const round: CheckInRound = { tandemId: tandem.id, seq: 1, kind: 'first', dueAt: iso(-1), status: 'sent', sentAt: iso(-1), answers: {} };
  const survey: OutcomeSurvey = { tandemId: tandem.id, milestone: 3, dueAt: iso(-1), status: 'sent', sentAt: iso(-1), records: [] };
  for (const item of [
    personItem(mentor),
    personItem(mentee),
    tandemItem(tandem),
    checkInRoundItem(round, { remindAt: iso(6) }),
    outcomeSurveyItem(survey, { remindAt: iso(6) }),
    silenceWatchItem({ tandemId: tandem.id, dueAt: iso(45), armed: true }),
  ]) {
    await hub.put(item);
  }
  const link = async (purpose: 'check_in' | 'outcome', subject: string) => `${hub.baseUrl}/follow-up.html#token=${(await hubSigner().sign(purpose, subject, 30 * 86400)).token}`;
  return {
    mentor,
    mentee,
    tandem,
    checkIn: (role: 'mentor' | 'mentee') => link('check_in', checkInSubject(tandem.id, 1, role)),
    outcome: (respondent: 'mentee' | 'partner') => link('outcome', outcomeSubject(tandem.id, 3, respondent)),
  };
}

const form = () => page.locator('#fu-form');
const result = () => page.locator('#fu-result');
const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the follow-up page', () => {
  it('records a first check-in, with its help request, once', async () => {
    const partner = await seedPartner(hub, `partner-${randomUUID().slice(0, 8)}@example.org`);
    const { mentor, mentee, tandem, checkIn } = await seedTandem({ partnerId: partner.id });
    const requests = recordApiRequests(page);
    await page.goto(await checkIn('mentee'));
    await form().waitFor({ state: 'visible' });
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('#fu-title').innerText()).toBe('Votre premier point sur le tandem');
    expect(await page.locator('#fu-intro').innerText()).toContain(`Bonjour ${mentee.firstName}, quelques questions sur votre tandem avec ${mentor.firstName}.`);
    expect(await page.locator('main').innerText()).not.toContain(mentor.lastName);
    expect(await fitsThePhone()).toBe(true);
    expect(posts(requests, '/api/follow-up/answer')).toHaveLength(0);
    expect((await hub.get(keys.checkInRound(tandem.id, 1)))?.answers).toEqual({});

    // Sent incomplete: the errors are listed, focused, and beside their questions.
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fu-summary');
    expect(await page.locator('#fu-summary li').allInnerTexts()).toEqual(['Choisissez une réponse.', 'Choisissez une réponse.']);
    expect(await page.locator('#fit-field').getAttribute('class')).toContain('has-error');
    expect(posts(requests, '/api/follow-up/answer')).toHaveLength(0);

    await page.getByRole('group', { name: /Votre première rencontre/ }).getByLabel('Oui').check();
    await page.getByLabel('Trop tôt pour le dire').check();
    await page.getByLabel('J’ai besoin de l’aide de la CCI').check();
    await page.getByLabel(/Note pour la CCI/).fill('  Nous cherchons encore un créneau.  ');
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await result().waitFor({ state: 'visible' });
    expect(await page.locator('#fu-result-title').innerText()).toBe('Merci\u202f! Votre réponse est enregistrée');
    expect(await result().innerText()).toContain('La CCI a bien reçu votre demande d’aide');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fu-result');

    const stored = await hub.get(keys.checkInRound(tandem.id, 1));
    expect(stored?.answers).toEqual({ mentee: { kind: 'first', firstMeetingHeld: true, fit: 'too_early', needsHelp: true, privateNote: 'Nous cherchons encore un créneau.', answeredAt: expect.any(String) } });
    expect(stored?.status).toBe('sent');
    expect(await hub.get(keys.tandemAlert(tandem.id, 'help_requested'))).toMatchObject({ status: 'open', raisedBy: 'mentee', seq: 1 });
    expect((await hub.get(keys.tandem(tandem.id)))?.lastAnswerAt).toBe((stored?.answers as { mentee: { answeredAt: string } }).mentee.answeredAt);

    // The same link again (kept for this tab): answered already.
    await page.reload();
    await result().waitFor({ state: 'visible' });
    expect(await page.locator('#fu-result-title').innerText()).toBe('Vous avez déjà répondu');
  });

  it('names the beneficiary on the partner’s outcome page and records the outcome, in English after the switch', async () => {
    const { mentee, tandem, outcome } = await seedTandem();
    await page.goto(await outcome('partner'));
    await form().waitFor({ state: 'visible' });
    expect(await page.locator('#fu-title').innerText()).toBe('Le point à 3 mois');
    expect(await page.locator('#fu-intro').innerText()).toContain(`où en est ${mentee.firstName}`);
    expect(await page.locator('#fu-checkin-common').isHidden()).toBe(true);
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('#jobSituation-legend').innerText()).toBe(`${mentee.firstName}’s situation today`);
    await page.getByLabel('On a work-study contract').check();
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await result().waitFor({ state: 'visible' });
    expect(await page.locator('#fu-result-title').innerText()).toBe('Thank you! Your answer is recorded');
    const survey = await hub.get(keys.outcomeSurvey(tandem.id, 3));
    expect(survey?.records).toEqual([{ value: { track: 'job_search', situation: 'work_study' }, source: 'partner', recordedAt: expect.any(String) }]);
    expect(survey?.answeredBy).toEqual({ partner: expect.any(String) });
  });

  it('says a broken link is invalid', async () => {
    await page.goto(`${hub.baseUrl}/follow-up.html#token=not-a-token-of-ours`);
    await result().waitFor({ state: 'visible' });
    expect(await page.locator('#fu-result-title').innerText()).toBe('Ce lien n’est pas valide');
  });
});

describe('the follow-up page’s accessibility (axe-core, 390 px)', () => {
  it('finds nothing on the monthly form, with its errors, and answered', async () => {
    const audited = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    try {
      const { tandem } = await seedTandem();
      await hub.put(checkInRoundItem({ tandemId: tandem.id, seq: 2, kind: 'monthly', dueAt: new Date().toISOString(), status: 'sent', sentAt: new Date().toISOString(), answers: {} }));
      const p = await audited.newPage();
      const monthly = `${hub.baseUrl}/follow-up.html#token=${(await hubSigner().sign('check_in', checkInSubject(tandem.id, 2, 'mentor'), 30 * 86400)).token}`;
      await p.goto(monthly);
      await p.locator('#fu-form').waitFor({ state: 'visible' });
      expect(await p.locator('#fu-title').innerText()).toBe('Votre point du mois');
      await audit(p, 'monthly check-in form');
      await p.getByRole('button', { name: 'Envoyer ma réponse' }).click();
      await p.locator('#fu-summary').waitFor({ state: 'visible' });
      expect(await p.locator('#meetingsSince').getAttribute('aria-invalid')).toBe('true');
      await audit(p, 'monthly check-in form, errors shown');
      await p.locator('#meetingsSince').fill('2');
      await p.getByRole('group', { name: /Votre satisfaction/ }).getByLabel('4').check();
      await p.getByLabel(/Les progrès/).fill('CV refait, deux candidatures envoyées.');
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await p.getByRole('button', { name: 'Envoyer ma réponse' }).click();
      await p.locator('#fu-result').waitFor({ state: 'visible' });
      await audit(p, 'monthly check-in answered');
      expect((await hub.get(keys.checkInRound(tandem.id, 2)))?.answers).toMatchObject({ mentor: { kind: 'monthly', meetingsSince: 2, satisfaction: 4, progress: 'CV refait, deux candidatures envoyées.', needsHelp: false } });
    } finally {
      await audited.close();
    }
  });

  it('finds nothing on the mentee’s business-creation outcome form, in French and English', async () => {
    const audited = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    try {
      const { tandem, outcome } = await seedTandem({ track: 'business_creation' });
      const p = await audited.newPage();
      await p.goto(await outcome('mentee'));
      await p.locator('#fu-form').waitFor({ state: 'visible' });
      await p.getByLabel('Oui, l’entreprise est créée').check();
      await p.locator('#companyCreatedOn').waitFor({ state: 'visible' });
      await p.locator('#siren').fill('12345');
      await p.getByRole('button', { name: 'Envoyer ma réponse' }).click();
      await p.locator('#fu-summary').waitFor({ state: 'visible' });
      expect(await p.locator('#fu-summary li').allInnerTexts()).toEqual(['Indiquez la date de création, au plus tard aujourd’hui.', 'Un numéro SIREN compte 9 chiffres.']);
      await audit(p, 'business-creation outcome, errors shown');
      await p.locator('#lang-switch').click();
      await expect.poll(() => p.locator('#fu-title').innerText()).toBe('The 3-month update');
      await audit(p, 'business-creation outcome, English');
      await p.locator('#companyCreatedOn').fill('2026-10-05');
      await p.locator('#siren').fill('732 829 320');
      await p.getByRole('group', { name: 'Is the company still trading?' }).getByLabel('Yes').check();
      await p.getByRole('button', { name: 'Send my answer' }).click();
      await p.locator('#fu-result').waitFor({ state: 'visible' });
      expect((await hub.get(keys.outcomeSurvey(tandem.id, 3)))?.records).toEqual([
        { value: { track: 'business_creation', situation: 'company_created', companyCreatedOn: '2026-10-05', siren: '732829320', stillActive: true }, source: 'mentee', recordedAt: expect.any(String) },
      ]);
    } finally {
      await audited.close();
    }
  });
});
