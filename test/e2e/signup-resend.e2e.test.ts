/**
 * The success page after a sign-up, for the person who did not get the mail: it shows the address
 * used, "Renvoyer l’e-mail" sends a second mail (the local mailbox receives it) and then rests,
 * and "Corriger mon adresse" returns to the form, still filled, with focus on the address.
 */
import { describe, expect, it } from 'vitest';
import { listMail, openForm, posts, recordApiRequests, uniqueEmail, useBrowserSession } from './support';

describe('sign-up success page: resend and correct the address', () => {
  const session = useBrowserSession({ viewport: { width: 390, height: 844 } });

  const mailsTo = async (address: string) => (await listMail(session.stack.baseUrl)).filter((m) => String(m.to).toLowerCase().includes(address));
  async function waitForMails(address: string, count: number, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await mailsTo(address);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`${found.length} of ${count} e-mails to the test address within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('shows the address, sends the e-mail again once, then returns to the filled form', async () => {
    // Arrange: a mentee signs up
    const email = uniqueEmail('resend');
    const requests = recordApiRequests(session.page);
    await openForm(session.page, session.stack.baseUrl, 'mentee');
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
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
    await session.page.getByRole('heading', { name: 'Vérifiez votre boîte mail' }).waitFor();

    // Assert: the address used is on the page, and the first mail arrived
    const success = session.page.locator('#success');
    expect(await success.innerText()).toContain(`Un e\u2011mail vient d’être envoyé à ${email}.`);
    await waitForMails(email, 1);

    // Act: send the e-mail again, twice in a row
    const resend = session.page.getByRole('button', { name: 'Renvoyer l’e\u2011mail' });
    await resend.click();
    const status = session.page.getByRole('status').filter({ hasText: 'E\u2011mail renvoyé' });
    await status.waitFor();
    expect(await status.innerText()).toContain(email);
    expect(await resend.getAttribute('aria-disabled')).toBe('true');
    // Resting, the button keeps focus (aria-disabled, not disabled): pressing it again only explains.
    expect(await session.page.evaluate(() => document.activeElement?.id)).toBe('resend-email');
    await session.page.keyboard.press('Enter');
    await session.page.getByRole('status').filter({ hasText: 'dans une minute' }).waitFor();

    // Assert: one request, a second mail (a fresh link) in the local mailbox
    expect(posts(requests, '/api/verifications/resend').map((r) => r.postDataJSON())).toEqual([{ role: 'mentee', email }]);
    const mails = await waitForMails(email, 2);
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.text).join('\n')).toContain('déjà commencé');

    // Act: correct the address
    await session.page.getByRole('button', { name: 'Corriger mon adresse' }).click();

    // Assert: the form, still filled, with focus on the address
    await session.page.locator('#signup-form').waitFor({ state: 'visible' });
    expect(await success.isVisible()).toBe(false);
    expect(await session.page.evaluate(() => document.activeElement?.id)).toBe('email');
    expect(await session.page.getByLabel('Adresse e\u2011mail').inputValue()).toBe(email);
    expect(await session.page.getByLabel('Prénom').inputValue()).toBe('Inès');
    expect(await session.page.getByRole('checkbox', { name: 'Financement et levée de fonds' }).isChecked()).toBe(true);
  });

  it('shows the address as text, never as markup, and in English after the switch', async () => {
    // Arrange: the API's answer is routed, so an address no server would accept reaches the page
    await session.page.route('**/api/mentees', (route) =>
      route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ status: 'verification_sent', message: 'ok' }) }),
    );
    await openForm(session.page, session.stack.baseUrl, 'mentee');
    const odd = '<img/src=x>@example.org';
    await session.page.evaluate((value) => {
      const form = document.getElementById('signup-form') as HTMLFormElement;
      form.noValidate = true;
      (document.getElementById('email') as HTMLInputElement).value = value;
    }, odd);
    await session.page.getByLabel('Prénom').fill('Inès');
    await session.page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Morel');
    await session.page.getByRole('radio', { name: 'Création ou reprise d’entreprise' }).check();
    await session.page.getByLabel('Votre secteur d’activité').selectOption('G');
    await session.page.getByRole('checkbox', { name: 'Financement et levée de fonds' }).check();
    await session.page.getByLabel('Code postal').fill('13001');
    await session.page.locator('#postalCode-status', { hasText: 'Commune trouvée' }).waitFor();
    await session.page.getByRole('checkbox', { name: 'En présentiel' }).check();
    await session.page.getByRole('checkbox', { name: /J’accepte/ }).check();

    // Act
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
    await session.page.getByRole('heading', { name: 'Vérifiez votre boîte mail' }).waitFor();

    // Assert
    const text = session.page.locator('#success-text');
    expect(await text.innerText()).toContain(odd);
    expect(await session.page.locator('#success img').count()).toBe(0);
    await session.page.locator('#lang-switch').click();
    expect(await text.innerText()).toContain(`An e\u2011mail has just been sent to ${odd}.`);
  });
});
