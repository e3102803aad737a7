/**
 * Issue 8's data-quality rules in the browser: a postal code that serves several communes needs a
 * choice before the form sends anything, and a name with invisible characters is refused with the
 * same sentence as the API's.
 */
import { describe, expect, it } from 'vitest';
import { listMail, openForm, posts, recordApiRequests, uniqueEmail, useBrowserSession } from './support';

describe('sign-up form: commune and names', () => {
  const session = useBrowserSession({ viewport: { width: 390, height: 844 } });

  /** A mentee form that passes every client check, except what `postalCode` brings. */
  async function fillMentee(email: string, postalCode: string, status: RegExp) {
    const page = session.page;
    await page.getByLabel('Prénom').fill('Inès');
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Morel');
    await page.getByLabel('Adresse e\u2011mail').fill(email);
    await page.getByRole('radio', { name: 'Création ou reprise d’entreprise' }).check();
    await page.getByLabel('Votre secteur d’activité').selectOption('G');
    await page.getByRole('checkbox', { name: 'Financement et levée de fonds' }).check();
    await page.getByLabel('Code postal').fill(postalCode);
    await page.locator('#postalCode-status', { hasText: status }).waitFor();
    await page.getByRole('checkbox', { name: 'En présentiel' }).check();
    await page.getByRole('checkbox', { name: /J’accepte/ }).check();
  }

  it('a postal code with several communes and no commune chosen: the form says so and sends nothing', async () => {
    // Arrange: 13100 serves five communes
    const page = session.page;
    const mailBefore = (await listMail(session.stack.baseUrl)).length;
    const requests = recordApiRequests(page);
    await openForm(page, session.stack.baseUrl, 'mentee');
    await fillMentee(uniqueEmail('commune'), '13100', /5 communes ont ce code postal/);
    const commune = page.getByRole('combobox', { name: 'Commune', exact: true });
    expect(await commune.getAttribute('aria-required')).toBe('true');
    expect(await page.locator('#communeCode-req').isVisible()).toBe(true);

    // Act
    await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();

    // Assert
    const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual(['Choisissez votre commune\u00a0: ce code postal en dessert plusieurs.']);
    expect(await page.locator('#communeCode-error').innerText()).toContain('Choisissez votre commune\u00a0: ce code postal en dessert plusieurs.');
    expect(await commune.getAttribute('aria-invalid')).toBe('true');
    expect(posts(requests, '/api/mentees')).toHaveLength(0);
    expect((await listMail(session.stack.baseUrl)).length).toBe(mailBefore);

    // Act + Assert: choosing the commune clears the error, and the form then sends it
    await commune.selectOption('13001');
    expect(await page.locator('#communeCode-error').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte mail' }).waitFor();
    expect(posts(requests, '/api/mentees')[0]?.postDataJSON()).toMatchObject({ postalCode: '13100', communeCode: '13001' });
  });

  it('a postal code with one commune needs no choice', async () => {
    await openForm(session.page, session.stack.baseUrl, 'mentee');
    await fillMentee(uniqueEmail('one-commune'), '13001', /Commune trouvée/);
    expect(await session.page.locator('#communeCode-req').isHidden()).toBe(true);
    expect(await session.page.getByRole('combobox', { name: 'Commune', exact: true }).getAttribute('aria-required')).toBeNull();
  });

  it('refuses a name with a right-to-left override, with the API’s sentence, and sends nothing', async () => {
    const page = session.page;
    const requests = recordApiRequests(page);
    await openForm(page, session.stack.baseUrl, 'mentee');
    await fillMentee(uniqueEmail('bidi'), '13001', /Commune trouvée/);
    await page.getByLabel('Prénom').fill('In\u202eès');

    await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();

    await page.locator('#firstName-error').waitFor({ state: 'visible' });
    expect(await page.locator('#firstName-error').innerText()).toContain('Ce champ contient des caractères invisibles ou de contrôle');
    expect(posts(requests, '/api/mentees')).toHaveLength(0);
  });
});
