/**
 * A partner adviser's space in Chromium, on the demo hub: the console's home sends the adviser to
 * their space; the referral form says its errors next to the fields and sends nothing until they
 * are fixed; a referral sends the person the verification mail, and once confirmed the person is in
 * the adviser's list; the lists hold only the adviser's own partner's people (checked as the
 * officer); CCI pages show a clear "reserved" page and the admin API answers 403.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openForm, posts, recordApiRequests, uniqueEmail, verifyLinkOf, waitForMail } from './support';
import { adviserLabel, apiAsPage, OFFICER_LABEL, partnerNamed, signIn, useConsoleSession, waitForConsole } from './console-support';

const PARTNER = /^Mission locale de Marseille$/;
const statusOf = (page: Page) => page.locator('#console-status');
/** Letters only: the sign-up refuses digits in names. */
const uniqueLastName = () => `Morel${Math.random().toString(36).slice(2, 7).replace(/\d/g, 'x')}`;

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** The confirmation mail as the local mailbox shows it (its HTML, at its full height), for the README. */
async function saveConfirmationMailScreenshot(page: Page, baseUrl: string, mailId: string) {
  const mailbox = await page.context().newPage();
  try {
    await mailbox.setViewportSize({ width: 720, height: 900 });
    await mailbox.goto(`${baseUrl}/_local/mailbox/${encodeURIComponent(mailId)}`);
    const frame = mailbox.frameLocator('iframe');
    await frame.locator('body').waitFor();
    // The frame as tall as the message, so the picture shows all of it (at the mailbox's width).
    const height = await mailbox.frames()[1]!.evaluate(() => document.documentElement.scrollHeight);
    await mailbox.locator('iframe').evaluate((el, h) => ((el as HTMLIFrameElement).style.height = `${h}px`), height);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await mailbox.locator('iframe').screenshot({ path: `${SCREENSHOTS}confirmation-mail.png` });
  } finally {
    await mailbox.close();
  }
}

describe('a partner adviser’s space', () => {
  const session = useConsoleSession({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });

  it('lands on the space from the console’s home, and lists only the people of the adviser’s own partner', async () => {
    const { page, stack, browser } = session;
    const partner = await partnerNamed(stack.baseUrl, PARTNER);
    const listed: string[] = [];
    page.on('response', async (response) => {
      if (new URL(response.url()).pathname === '/api/partner/mentees' && response.ok()) listed.push(...((await response.json()) as { items: { id: string }[] }).items.map((m) => m.id));
    });
    await signIn(page, stack.baseUrl, adviserLabel(partner.name));
    expect(new URL(page.url()).pathname).toBe('/console/espace.html');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Espace partenaire');
    await expect.poll(() => page.locator('#console-nav a').allInnerTexts()).toEqual(['Espace partenaire']);
    await expect.poll(() => listed.length).toBeGreaterThan(0);
    const rows = page.getByRole('table', { name: /Personnes orientées par votre structure/ }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(listed.length);

    // The officer sees whose people these are: every one is this partner's.
    const officer = await (await browser.newContext()).newPage();
    try {
      await signIn(officer, stack.baseUrl, OFFICER_LABEL);
      for (const id of listed.slice(0, 10)) {
        const detail = await apiAsPage(officer, `/admin/mentees/${id}`);
        expect(detail.status).toBe(200);
        expect(detail.body.mentee.partnerId).toBe(partner.id);
      }
    } finally {
      await officer.context().close();
    }
  });

  it('shows a clear reserved page on a CCI page, and the admin API refuses the adviser', async () => {
    const { page, stack } = session;
    const partner = await partnerNamed(stack.baseUrl, PARTNER);
    const requests = recordApiRequests(page);
    await signIn(page, stack.baseUrl, adviserLabel(partner.name), '/console/mentors.html');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Accès réservé');
    await expect.poll(() => page.locator('#content').innerText()).toContain('réservée à l’équipe de la CCI');
    expect(requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/admin/'))).toEqual([]);
    expect((await apiAsPage(page, '/admin/attention')).status).toBe(403);
  });

  it('refers a person: errors in words next to the fields first, then the verification mail, and once confirmed the person is listed', async () => {
    const { page, stack } = session;
    const partner = await partnerNamed(stack.baseUrl, PARTNER);
    const requests = recordApiRequests(page);
    await signIn(page, stack.baseUrl, adviserLabel(partner.name));
    await waitForConsole(page);

    const submit = page.getByRole('button', { name: 'Orienter cette personne' });
    await submit.click();
    await expect.poll(() => statusOf(page).innerText()).toMatch(/^Le formulaire contient \d+ erreurs\u00a0: chacune est indiquée près de son champ\.$/);
    await expect.poll(() => page.locator('[data-field="firstName"] .field-error').innerText()).toBe('Indiquez le prénom.');
    await expect.poll(() => page.locator('[data-field="consent"] .field-error').innerText()).toBe('L’attestation de l’accord de la personne est nécessaire.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('firstName');
    expect(posts(requests, '/api/partner/mentees')).toEqual([]);

    const email = uniqueEmail('referral');
    const lastName = uniqueLastName();
    await page.getByLabel(/^Prénom/).fill('Inès');
    await page.getByLabel(/^Nom/).fill(lastName);
    await page.getByLabel(/^E‑mail de la personne/).fill(email);
    await page.getByRole('radio', { name: 'Recherche d’emploi' }).check();
    await page.getByLabel(/^Secteur visé/).selectOption('G');
    await page.locator('input[name="needs"]').first().check();
    await page.getByLabel(/^Code postal/).fill('13001');
    await page.getByLabel(/^Code postal/).press('Tab');
    await page.locator('input[name="meetingModes"]').first().check();
    await page.getByLabel(/J’atteste que la personne a accepté/).check();
    await submit.click();
    await expect.poll(() => statusOf(page).innerText(), { timeout: 15_000 }).toContain(`Orientation enregistrée pour Inès ${lastName}.`);
    const sent = posts(requests, '/api/partner/mentees');
    expect(sent).toHaveLength(1);
    // The page never names the partner: the API takes it from the adviser's token.
    expect(JSON.parse(sent[0]!.postData() ?? '{}')).not.toHaveProperty('partnerId');

    const mail = await waitForMail(stack.baseUrl, email);
    expect(mail.subject).toBe('Confirmez votre adresse e\u2011mail');
    await saveConfirmationMailScreenshot(page, stack.baseUrl, mail.id);
    const link = verifyLinkOf(mail);
    const person = await page.context().newPage();
    await person.goto(link);
    await person.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' }).click();
    await expect.poll(() => person.locator('#verify-result').innerText(), { timeout: 15_000 }).toContain('Nous recherchons le mentor qui vous correspond');
    await person.close();

    await page.reload();
    await waitForConsole(page);
    const mine = page.getByRole('table', { name: /Personnes orientées par votre structure/ });
    await expect.poll(() => mine.innerText(), { timeout: 15_000 }).toContain(`Inès ${lastName}`);
  });

  it('shows the public mentee form on a phone (screenshot for the README)', async () => {
    const { page, stack } = session;
    await page.setViewportSize({ width: 390, height: 844 });
    await openForm(page, stack.baseUrl, 'mentee');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Trouver un mentor');
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}signup-phone.png` });
  });
});
