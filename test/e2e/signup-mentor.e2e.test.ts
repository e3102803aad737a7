/**
 * A mentor signs up on the local stack, in a real browser, then confirms the e-mail address from
 * the caught message: the confirmation page changes nothing until its button is pressed, and a
 * second confirmation says the address is already confirmed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, posts, recordApiRequests, recordCspViolations, startStack, uniqueEmail, verifyLinkOf, waitForMail, type Stack } from './support';

describe('mentor sign-up', () => {
  let stack: Stack;
  let browser: Browser;
  let cspViolations: string[] = [];
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    cspViolations = recordCspViolations(context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
    expect(cspViolations).toEqual([]);
  });

  it('signs up with the keyboard, confirms by e-mail, and a second confirmation says "already confirmed"', async () => {
    // Arrange
    const email = uniqueEmail('mentor');
    const requests = recordApiRequests(page);
    await page.goto(`${stack.baseUrl}/`);
    await page.getByRole('link', { name: 'Devenir mentor' }).click();
    await page.locator('#signup-form').waitFor({ state: 'visible' });

    // Act: fill the form, mostly from the keyboard
    await page.getByLabel('Prénom').focus();
    await page.keyboard.type('Camille');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Martin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('06 12 34 56 78');
    await page.getByLabel('Entreprise ou organisation').fill('Boulangerie du Port');
    await page.getByLabel('Fonction').fill('Gérante');
    await page.getByRole('radio', { name: "Chef d'entreprise ou entrepreneur" }).focus();
    await page.keyboard.press('Space');
    for (const name of ["Recherche d'emploi", "Création ou reprise d'entreprise", 'Hébergement et restauration', 'Gestion financière et comptabilité', 'Commercial et prospection']) {
      await page.getByRole('checkbox', { name, exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('radio', { name: '2', exact: true }).check();
    await page.getByLabel('Quelques mots sur votre parcours').fill('Vingt ans de commerce de proximité.');
    await page.getByLabel('Code postal').focus();
    await page.keyboard.type('75011');
    await page.locator('#postalCode-status', { hasText: 'Commune trouvée' }).waitFor();
    expect(await page.getByLabel('Commune', { exact: true }).inputValue()).toMatch(/^\d{5}$/);
    await page.getByRole('checkbox', { name: 'En présentiel' }).check();
    await page.getByRole('checkbox', { name: 'À distance' }).check();
    await page.getByRole('checkbox', { name: /J’accepte que la CCI utilise ces informations/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Envoyer mon inscription' }).focus();
    await page.keyboard.press('Enter');

    // Assert: the success view, with nothing personal in the URL
    const success = page.getByRole('heading', { name: 'Vérifiez votre boîte mail' });
    await success.waitFor();
    expect(await page.locator('#success').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('#success').innerText()).toContain('48 heures');
    expect(page.url()).not.toContain('@');
    expect(page.url()).not.toContain(encodeURIComponent(email));
    const [sent] = posts(requests, '/api/mentors');
    expect(posts(requests, '/api/mentors')).toHaveLength(1);
    expect(sent?.headers()['content-type']).toContain('application/json');
    expect(sent?.headers()['accept-language']).toBe('fr');
    expect(sent?.postDataJSON()).toMatchObject({
      firstName: 'Camille',
      lastName: 'Martin',
      email,
      profile: 'entrepreneur',
      tracks: ['job_search', 'business_creation'],
      sectors: ['I'],
      expertise: ['finance', 'sales'],
      languages: ['fr'],
      postalCode: '75011',
      meetingModes: ['in_person', 'remote'],
      capacity: 2,
      consent: true,
    });

    // Act: open the e-mailed link; loading the page (twice) must not confirm anything
    const link = verifyLinkOf(await waitForMail(stack.baseUrl, email));
    expect(link.startsWith(`${stack.baseUrl}/verify.html#token=`)).toBe(true);
    await page.goto(link);
    await page.reload();
    const confirm = page.getByRole('button', { name: 'Confirmer mon adresse e-mail' });
    await confirm.waitFor();
    expect(posts(requests, '/api/verifications')).toHaveLength(0);
    await confirm.click();

    // Assert: the mentor's message (the GETs above did not use the single-use link)
    await page.getByRole('heading', { name: 'Adresse e-mail confirmée, merci !' }).waitFor();
    expect(await page.locator('#verify-result').innerText()).toContain('La CCI va valider votre profil');
    expect(posts(requests, '/api/verifications')).toHaveLength(1);
    expect(posts(requests, '/api/verifications')[0]?.postDataJSON()).toEqual({ token: expect.any(String) });

    // Act + Assert: the same link again says there is nothing more to do
    const again = await context.newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'Confirmer mon adresse e-mail' }).click();
    await again.getByRole('heading', { name: 'Adresse déjà confirmée' }).waitFor();
    expect(await again.locator('#verify-result').innerText()).toContain('rien d’autre à faire');
  });
});
