/**
 * A mentee signs up on the local stack (postal code → commune, referring partner, project with a
 * live counter), confirms the address from the caught message, and cannot confirm it twice.
 */
import { describe, expect, it } from 'vitest';
import { openForm, posts, recordApiRequests, uniqueEmail, useBrowserSession, verifyLinkOf, waitForMail } from './support';

describe('mentee sign-up', () => {
  const session = useBrowserSession({ viewport: { width: 1280, height: 900 } });

  it('signs up with a commune and a partner, sends once on a double click, then confirms once', async () => {
    // Arrange
    const email = uniqueEmail('mentee');
    const requests = recordApiRequests(session.page);
    await openForm(session.page, session.stack.baseUrl, 'mentee');

    // Act
    await session.page.getByLabel('Prénom').fill('Yanis');
    await session.page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Benali');
    await session.page.getByLabel('Adresse e\u2011mail').fill(email);
    await session.page.getByRole('radio', { name: 'Recherche d’emploi' }).check();
    await session.page.getByLabel('Votre secteur d’activité').selectOption('J');
    await session.page.getByRole('checkbox', { name: 'CV, lettre et entretien d’embauche' }).check();
    await session.page.getByRole('checkbox', { name: 'Réseau professionnel' }).check();
    await session.page.getByRole('checkbox', { name: 'Arabe' }).check();
    // The referral question is shown exactly when the API lists partners.
    const { partners } = (await (await fetch(`${session.stack.baseUrl}/api/partners`)).json()) as { partners: { id: string }[] };
    const partner = session.page.getByLabel('Structure qui vous oriente');
    expect(await partner.isVisible()).toBe(partners.length > 0);
    const partnerId = partners[0]?.id;
    if (partnerId) await partner.selectOption(partnerId);
    const project = 'Devenir développeur web après une reconversion.';
    await session.page.getByLabel('Votre projet en quelques mots').fill(project);
    expect(await session.page.locator('#project-count').innerText()).toBe(`Il reste ${1000 - project.length} caractères.`);
    await session.page.getByLabel('Code postal').pressSequentially('13001');
    await session.page.locator('#postalCode-status', { hasText: 'Commune trouvée' }).waitFor();
    const commune = session.page.getByRole('combobox', { name: 'Commune', exact: true });
    expect(await commune.inputValue()).toBe('13201');
    expect(await commune.locator('option:checked').innerText()).toContain('Marseille');
    await session.page.getByRole('checkbox', { name: 'À distance' }).check();
    await session.page.getByRole('checkbox', { name: /J’accepte que la CCI utilise ces informations/ }).check();
    await session.page.getByRole('button', { name: 'Envoyer mon inscription' }).dblclick();

    // Assert
    await session.page.getByRole('heading', { name: 'Vérifiez votre boîte mail' }).waitFor();
    const sent = posts(requests, '/api/mentees');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.postDataJSON()).toEqual({
      firstName: 'Yanis',
      lastName: 'Benali',
      email,
      track: 'job_search',
      sector: 'J',
      needs: ['cv_interview', 'networking'],
      languages: ['fr', 'ar'],
      ...(partnerId ? { partnerId } : {}),
      project,
      postalCode: '13001',
      communeCode: '13201',
      meetingModes: ['remote'],
      consent: true,
    });

    // Act: confirm from the e-mailed link
    const link = verifyLinkOf(await waitForMail(session.stack.baseUrl, email));
    await session.page.goto(link);
    await session.page.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' }).click();

    // Assert
    await session.page.getByRole('heading', { name: 'Adresse e\u2011mail confirmée, merci\u202f!' }).waitFor();
    expect(await session.page.locator('#verify-result').innerText()).toContain('Nous recherchons le mentor qui vous correspond');

    const again = await session.context.newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'Confirmer mon adresse e\u2011mail' }).click();
    await again.getByRole('heading', { name: 'Adresse déjà confirmée' }).waitFor();
  });
});
