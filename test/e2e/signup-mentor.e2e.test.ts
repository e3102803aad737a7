/**
 * A mentor signs up on the local stack, in a real browser, then confirms the e-mail address from
 * the caught message: the confirmation page changes nothing until its button is pressed, and a
 * second confirmation says the address is already confirmed.
 */
import { describe, expect, it } from 'vitest';
import { posts, recordApiRequests, uniqueEmail, useBrowserSession, verifyLinkOf, waitForMail } from './support';

describe('mentor sign-up', () => {
  const session = useBrowserSession({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });

  it('signs up with the keyboard, confirms by e-mail, and a second confirmation says "already confirmed"', async () => {
    // Arrange
    const email = uniqueEmail('mentor');
    const requests = recordApiRequests(session.page);
    await session.page.goto(`${session.stack.baseUrl}/`);
    await session.page.getByRole('link', { name: 'Devenir mentor' }).click();
    await session.page.locator('#signup-form').waitFor({ state: 'visible' });

    // Act: fill the form, mostly from the keyboard
    await session.page.getByLabel('Prénom').focus();
    await session.page.keyboard.type('Camille');
    await session.page.keyboard.press('Tab');
    await session.page.keyboard.type('Martin');
    await session.page.keyboard.press('Tab');
    await session.page.keyboard.type(email);
    await session.page.keyboard.press('Tab');
    await session.page.keyboard.type('06 12 34 56 78');
    await session.page.getByLabel('Entreprise ou organisation').fill('Boulangerie du Port');
    await session.page.getByLabel('Fonction').fill('Gérante');
    await session.page.getByRole('radio', { name: 'Chef·fe d’entreprise ou entrepreneur·e' }).focus();
    await session.page.keyboard.press('Space');
    for (const name of ['Recherche d’emploi', 'Création ou reprise d’entreprise', 'Hébergement et restauration', 'Gestion financière et comptabilité', 'Commercial et prospection']) {
      await session.page.getByRole('checkbox', { name, exact: true }).focus();
      await session.page.keyboard.press('Space');
    }
    await session.page.getByRole('radio', { name: '2', exact: true }).check();
    await session.page.getByLabel('Quelques mots sur votre parcours').fill('Vingt ans de commerce de proximité.');
    await session.page.getByLabel('Code postal').focus();
    await session.page.keyboard.type('75011');
    await session.page.locator('#postalCode-status', { hasText: 'Commune trouvée' }).waitFor();
    expect(await session.page.getByRole('combobox', { name: 'Commune', exact: true }).inputValue()).toMatch(/^\d{5}$/);
    await session.page.getByRole('checkbox', { name: 'En présentiel' }).check();
    await session.page.getByRole('checkbox', { name: 'À distance' }).check();
    await session.page.getByRole('checkbox', { name: /J’accepte que la CCI utilise ces informations/ }).focus();
    await session.page.keyboard.press('Space');
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).focus();
    await session.page.keyboard.press('Enter');

    // Assert: the success view, with nothing personal in the URL
    const success = session.page.getByRole('heading', { name: 'Vérifiez votre boîte mail' });
    await success.waitFor();
    expect(await session.page.locator('#success').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await session.page.locator('#success').innerText()).toContain('48 heures');
    expect(session.page.url()).not.toContain('@');
    expect(session.page.url()).not.toContain(encodeURIComponent(email));
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
    const link = verifyLinkOf(await waitForMail(session.stack.baseUrl, email));
    expect(link.startsWith(`${session.stack.baseUrl}/verify.html#token=`)).toBe(true);
    await session.page.goto(link);
    await session.page.reload();
    const confirm = session.page.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' });
    await confirm.waitFor();
    expect(posts(requests, '/api/verifications')).toHaveLength(0);
    await confirm.click();

    // Assert: the mentor's message (the GETs above did not use the single-use link)
    await session.page.getByRole('heading', { name: 'Adresse e\u2011mail confirmée, merci\u202f!' }).waitFor();
    expect(await session.page.locator('#verify-result').innerText()).toContain('La CCI va valider votre profil');
    expect(posts(requests, '/api/verifications')).toHaveLength(1);
    expect(posts(requests, '/api/verifications')[0]?.postDataJSON()).toEqual({ token: expect.any(String) });

    // Act + Assert: the same link again says there is nothing more to do
    const again = await session.context.newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' }).click();
    await again.getByRole('heading', { name: 'Adresse déjà confirmée' }).waitFor();
    expect(await again.locator('#verify-result').innerText()).toContain('rien d’autre à faire');
  });
});
