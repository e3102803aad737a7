/**
 * How the sign-up pages behave around the happy path: client checks and the error summary, the
 * server's answers mapped back onto the form, the language switch, the verification page's
 * invalid and expired links. Server failures that cannot be provoked from a valid form (400 on a
 * field, 429, no network, 410) are answered by Playwright routing, against the API's contract.
 */
import { describe, expect, it } from 'vitest';
import { listMail, openForm, posts, recordApiRequests, useBrowserSession } from './support';

describe('sign-up form behaviour', () => {
  const session = useBrowserSession({ viewport: { width: 390, height: 844 } });

  const activeId = () => session.page.evaluate(() => document.activeElement?.id ?? '');

  /** Fills a mentee form that passes every client check. */
  async function fillValidMentee(email: string) {
    await session.page.getByLabel('Prénom').fill('Inès');
    await session.page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Morel');
    await session.page.getByLabel('Adresse e\u2011mail').fill(email);
    await session.page.getByRole('radio', { name: 'Création ou reprise d’entreprise' }).check();
    await session.page.getByLabel('Votre secteur d’activité').selectOption('G');
    await session.page.getByRole('checkbox', { name: 'Financement et levée de fonds' }).check();
    await session.page.getByLabel('Code postal').fill('13001');
    await session.page.locator('#postalCode-status', { hasText: 'Commune trouvée' }).waitFor();
    await session.page.getByRole('checkbox', { name: 'En présentiel' }).check();
    await session.page.getByRole('checkbox', { name: /J’accepte/ }).check();
  }

  it('an empty form shows the error summary with focus, marks the fields, and sends nothing', async () => {
    // Arrange
    const mailBefore = (await listMail(session.stack.baseUrl)).length;
    const requests = recordApiRequests(session.page);
    await openForm(session.page, session.stack.baseUrl, 'mentor');

    // Act
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).click();

    // Assert
    const summary = session.page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });
    await summary.waitFor();
    expect(await activeId()).toBe('error-summary');
    const links = summary.getByRole('link');
    expect(await links.allInnerTexts()).toEqual([
      'Indiquez votre prénom.',
      'Indiquez votre nom.',
      'Indiquez votre adresse e\u2011mail.',
      'Indiquez votre profil.',
      'Choisissez qui vous souhaitez accompagner\u00a0: une ou deux réponses.',
      'Choisissez de 1 à 5 secteurs d’activité.',
      'Choisissez de 1 à 8 domaines de compétence.',
      'Indiquez combien de personnes vous pouvez accompagner.',
      'Indiquez votre code postal.',
      'Choisissez comment vous pouvez vous rencontrer\u00a0: une ou deux réponses.',
      'Vous devez accepter l’utilisation de vos données pour vous inscrire.',
    ]);
    const firstName = session.page.getByLabel('Prénom');
    expect(await firstName.getAttribute('aria-invalid')).toBe('true');
    expect(await firstName.getAttribute('aria-describedby')).toContain('firstName-error');
    expect(await session.page.locator('#firstName-error').innerText()).toContain('Indiquez votre prénom.');
    expect(await session.page.locator('#sectors-field').getAttribute('aria-describedby')).toContain('sectors-error');
    expect(await session.page.getByRole('checkbox', { name: 'Construction' }).getAttribute('aria-invalid')).toBe('true');
    // French is pre-ticked, so the languages are not in error
    expect(await session.page.getByRole('checkbox', { name: 'Français' }).getAttribute('aria-invalid')).toBeNull();
    expect(posts(requests, '/api/mentors')).toHaveLength(0);
    expect((await listMail(session.stack.baseUrl)).length).toBe(mailBefore);

    // Act + Assert: a summary link moves focus to its field; fixing the field clears its error
    await links.filter({ hasText: 'Choisissez de 1 à 5 secteurs' }).click();
    expect(await activeId()).toBe('sectors-A');
    await session.page.getByRole('checkbox', { name: 'Construction' }).check();
    expect(await session.page.locator('#sectors-error').isHidden()).toBe(true);
    expect(await session.page.getByRole('checkbox', { name: 'Construction' }).getAttribute('aria-invalid')).toBeNull();
    expect(await links.count()).toBe(10);
  });

  it('checks formats before sending: e-mail, phone, postal code, too many choices', async () => {
    await openForm(session.page, session.stack.baseUrl, 'mentor');
    await session.page.getByLabel('Adresse e\u2011mail').fill('pas-une-adresse');
    await session.page.getByLabel('Téléphone').fill('abc');
    await session.page.getByLabel('Code postal').fill('130');
    // Rare sectors are folded under "Autres secteurs": hidden until the person opens it
    const extractive = session.page.getByRole('checkbox', { name: 'Industries extractives', exact: true });
    expect(await extractive.isVisible()).toBe(false);
    await session.page.locator('#sectors-field summary', { hasText: 'Autres secteurs' }).click();
    expect(await extractive.isVisible()).toBe(true);
    for (const name of ['Construction', 'Enseignement', 'Administration publique', 'Activités immobilières', 'Industries extractives', 'Information et communication']) {
      await session.page.getByRole('checkbox', { name, exact: true }).check();
    }
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).click();

    expect(await session.page.locator('#email-error').innerText()).toContain('adresse e\u2011mail valide');
    expect(await session.page.locator('#phone-error').innerText()).toContain('numéro de téléphone valide');
    expect(await session.page.locator('#postalCode-error').innerText()).toContain('5 chiffres');
    expect(await session.page.locator('#sectors-error').innerText()).toContain('de 1 à 5 secteurs');
  });

  it('maps the server’s 400 field errors (dot paths) onto the fields and the summary', async () => {
    // Arrange: a form that passes the client checks, and a server that rejects two fields
    await openForm(session.page, session.stack.baseUrl, 'mentee');
    await fillValidMentee('ines.morel@example.org');
    await session.page.route('**/api/mentees', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'Certaines réponses ne sont pas valides.',
            fields: { email: 'Adresse e-mail invalide', 'needs.0': 'Sujet inconnu' },
          },
        }),
      }),
    );

    // Act
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).click();

    // Assert
    await session.page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(await activeId()).toBe('error-summary');
    expect(await session.page.locator('#error-summary').getByRole('link').allInnerTexts()).toEqual(['Adresse e-mail invalide', 'Sujet inconnu']);
    expect(await session.page.getByLabel('Adresse e\u2011mail').getAttribute('aria-invalid')).toBe('true');
    expect(await session.page.locator('#email-error').innerText()).toContain('Adresse e-mail invalide');
    expect(await session.page.locator('#needs-error').innerText()).toContain('Sujet inconnu');
    expect(await session.page.getByLabel('Adresse e\u2011mail').inputValue()).toBe('ines.morel@example.org');
  });

  it('keeps every answer on a network error, says so, and sends again once the network is back', async () => {
    await openForm(session.page, session.stack.baseUrl, 'mentee');
    await fillValidMentee('reseau@example.org');
    await session.page.route('**/api/mentees', (route) => route.abort('internetdisconnected'));

    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).click();

    const alert = session.page.locator('#form-alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain('Connexion impossible');
    expect(await activeId()).toBe('form-alert');
    expect(await session.page.getByLabel('Prénom').inputValue()).toBe('Inès');
    expect(await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).isEnabled()).toBe(true);

    await session.page.unroute('**/api/mentees');
    await session.page.route('**/api/mentees', (route) =>
      route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code: 'rate_limited', message: 'Trop de demandes' } }) }),
    );
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
    await session.page.locator('#form-alert', { hasText: 'Trop de demandes en peu de temps' }).waitFor();
  });

  it('switches to English, remembers it, and honours ?lang=', async () => {
    // Act
    await openForm(session.page, session.stack.baseUrl, 'mentor');
    await session.page.getByRole('button', { name: 'Read this site in English' }).click();

    // Assert: static labels, code lists from the API, the page language and title
    expect(await session.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await session.page.getByLabel('First name').waitFor();
    expect(await session.page.getByRole('heading', { level: 1 }).innerText()).toBe('Become a mentor');
    expect(await session.page.getByRole('checkbox', { name: 'Information and communication' }).count()).toBe(1);
    expect(await session.page.title()).toBe('Become a mentor — Tandem');
    await session.page.getByRole('button', { name: 'Send my sign-up' }).click();
    expect(await session.page.locator('#firstName-error').innerText()).toContain('Enter your first name.');

    // The choice survives a reload and another page
    await session.page.goto(`${session.stack.baseUrl}/mentee.html`);
    await session.page.getByLabel('Postal code').waitFor();
    expect(await session.page.evaluate(() => document.documentElement.lang)).toBe('en');

    // ?lang=fr wins and is remembered
    await session.page.goto(`${session.stack.baseUrl}/?lang=fr`);
    expect(await session.page.getByRole('link', { name: 'Devenir mentor' }).count()).toBe(1);
    await session.page.goto(`${session.stack.baseUrl}/verify.html`);
    expect(await session.page.evaluate(() => document.documentElement.lang)).toBe('fr');
  });

  it('the verification page: no token means an invalid link and no request; an expired link says to sign up again', async () => {
    const requests = recordApiRequests(session.page);
    await session.page.goto(`${session.stack.baseUrl}/verify.html`);
    await session.page.getByRole('heading', { name: 'Ce lien n’est pas valide' }).waitFor();
    expect(await session.page.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' }).count()).toBe(0);
    expect(requests).toHaveLength(0);

    await session.page.route('**/api/verifications', (route) =>
      route.fulfill({ status: 410, contentType: 'application/json', body: JSON.stringify({ error: { code: 'link_expired', message: 'Lien expiré' } }) }),
    );
    await session.page.goto(`${session.stack.baseUrl}/verify.html#token=expired-token-0123456789`);
    await session.page.reload();
    await session.page.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' }).click();
    await session.page.getByRole('heading', { name: 'Ce lien a expiré' }).waitFor();
    expect(await session.page.getByRole('link', { name: 'Trouver un mentor' }).isVisible()).toBe(true);
  });

  it('the verification page: a 503 (signing keys unreadable) says to try again, keeps the button, never "invalid link"', async () => {
    let calls = 0;
    await session.page.route('**/api/verifications', (route) => {
      calls++;
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'retry-after': '5' },
        body: JSON.stringify({ error: { code: 'service_unavailable', message: 'Service momentanément indisponible.' } }),
      });
    });
    await session.page.goto(`${session.stack.baseUrl}/verify.html#token=any-token-0123456789abcdef`);
    const button = session.page.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' });
    await button.click();
    const alert = session.page.getByRole('alert');
    await alert.filter({ hasText: 'Réessayez dans quelques instants' }).waitFor();
    expect(await alert.innerText()).toContain('inutile de vous réinscrire');
    expect(await session.page.getByRole('heading', { name: 'Ce lien n’est pas valide' }).count()).toBe(0);
    expect(await button.isEnabled()).toBe(true);
    await button.click();
    await expect.poll(() => calls).toBe(2);

    await session.page.goto(`${session.stack.baseUrl}/verify.html?lang=en#token=any-token-0123456789abcdef`);
    await session.page.getByRole('button', { name: 'Confirm my e\u2011mail address' }).click();
    await session.page.getByRole('alert').filter({ hasText: 'Try again in a few moments' }).waitFor();
  });

  it('a forged token is refused by the real API as an invalid link', async () => {
    await session.page.goto(`${session.stack.baseUrl}/verify.html#token=forged-token-0123456789abcdef`);
    await session.page.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' }).click();
    await session.page.getByRole('heading', { name: 'Ce lien n’est pas valide' }).waitFor();
  });

  it('stays short on a phone: rare sectors and languages folded, the mentor form under 6,300 px at 390 px (6,942 before)', async () => {
    await openForm(session.page, session.stack.baseUrl, 'mentor');
    await session.page.locator('input[name="languages"]').first().waitFor();
    expect(await session.page.getByRole('checkbox', { name: 'Wolof', exact: true }).isVisible()).toBe(false);
    expect(await session.page.getByRole('checkbox', { name: 'Activités extra-territoriales', exact: true }).isVisible()).toBe(false);
    expect(await session.page.getByRole('checkbox', { name: 'Italien', exact: true }).isVisible()).toBe(true);
    const height = await session.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(6300);
    // Opened, the folded languages can be chosen like the others.
    await session.page.locator('#languages-field summary', { hasText: 'Autres langues' }).click();
    await session.page.getByRole('checkbox', { name: 'Wolof', exact: true }).check();
    expect(await session.page.getByRole('checkbox', { name: 'Wolof', exact: true }).isChecked()).toBe(true);
  });
});
