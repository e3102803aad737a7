/**
 * The CCI officer's console in Chromium, on the hub started with the demo programme: signing in
 * on the local sign-in page, what needs attention (saved as docs/screenshots/console-home.png),
 * validating and refusing mentors, proposing a ranked mentor to a mentee (the proposal mail
 * arrives), and building, editing, recalculating and publishing a partner's cohort. Every action
 * is checked by what the page says and by what the API then holds.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listMail, recordApiRequests, type CaughtMail } from './support';
import { apiAsPage, OFFICER_LABEL, partnerWithMostWaiting, signIn, useConsoleSession, waitForConsole } from './console-support';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** A mail matching `accept` within the time, or an error naming what was awaited. */
async function waitForMailWhere(baseUrl: string, what: string, accept: (mail: CaughtMail) => boolean, timeoutMs = 30_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listMail(baseUrl)).find(accept);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail (${what}) within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The console's live region, where every action's result is said. */
const statusOf = (page: Page) => page.locator('#console-status');
/** The value of a fact (`<dt>` label → `<dd>`) on a record's page. */
const fact = (page: Page, label: string) => page.locator('dl.facts > div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

describe('the CCI officer’s console', () => {
  const session = useConsoleSession({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });

  it('sends a signed-out visitor to the local sign-in page and back to the page asked for, then lists what needs attention', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentees.html?status=unmatched');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/console/mentees.html?status=unmatched');
    await expect.poll(() => page.locator('#console-user').innerText()).toContain('Chargée de mission CCI');

    await page.getByRole('link', { name: 'À traiter' }).click();
    await waitForConsole(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('À traiter');
    for (const title of [/^Mentors à valider \(\d+\)$/, /^Personnes qui attendent depuis le plus longtemps$/, /^Propositions sans réponse$/, /^Sans mentor trouvé$/, /^Recherches en échec$/]) {
      await expect(page.getByRole('heading', { level: 2, name: title }).count()).resolves.toBe(1);
    }
    // Each line links to its record by opaque id, never by name or address.
    const hrefs = await page.locator('#content table a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(mentor|mentee|tandem)\.html\?id=[0-9a-f-]{36}$/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}console-home.png` });
  });

  it('validates a mentor from the validation queue: the page says so, the status is active and the mentor gets the mail', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentors.html?status=pending_validation');
    await page.locator('#content table tbody tr th a').first().click();
    await waitForConsole(page);
    const email = (await fact(page, 'E‑mail').innerText()).trim();
    await expect.poll(() => fact(page, 'Statut').innerText()).toBe('À valider');

    await page.getByRole('button', { name: 'Valider le profil' }).click();
    await expect.poll(() => statusOf(page).innerText()).toContain('Profil validé');
    await expect.poll(() => fact(page, 'Statut').innerText()).toBe('Actif');
    const id = new URL(page.url()).searchParams.get('id');
    expect((await apiAsPage(page, `/admin/mentors/${id}`)).body.status).toBe('active');
    await waitForMailWhere(stack.baseUrl, 'validation mail to the mentor', (m) => m.to.toLowerCase().includes(email.toLowerCase()));
  });

  it('refuses a mentor only with a reason, said next to the field', async () => {
    const { page, stack } = session;
    const requests = recordApiRequests(page);
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentors.html?status=pending_validation');
    await page.locator('#content table tbody tr th a').nth(1).click();
    await waitForConsole(page);

    await page.getByRole('button', { name: 'Refuser le profil' }).click();
    const reason = page.getByLabel(/Raison du refus/);
    await expect.poll(() => page.locator('[data-field="reason"] .field-error').innerText()).toBe('Indiquez la raison du refus.');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    expect(requests.filter((r) => r.method() === 'POST')).toEqual([]);

    await reason.fill('Profil en doublon avec une inscription plus ancienne.');
    await page.getByRole('button', { name: 'Refuser le profil' }).click();
    await expect.poll(() => statusOf(page).innerText()).toContain('Profil refusé');
    await expect.poll(() => fact(page, 'Statut').innerText()).toBe('Inactif');
  });

  it('opens a waiting mentee, reads why these mentors and why not the others, and proposes a ranked mentor: the proposal mail arrives', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentees.html?status=awaiting_match');
    await page.locator('#content table tbody tr th a').first().click();
    await waitForConsole(page);
    const menteeFirstName = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^Personne accompagnée\u00a0: /, '').split(' ')[0]!;

    const ranking = page.getByRole('table', { name: /Mentors compatibles/ });
    await expect.poll(() => ranking.locator('tbody tr').count()).toBeGreaterThan(1);
    // Why: each candidate comes with its reasons in words.
    await expect.poll(() => ranking.locator('tbody tr').first().locator('li').count()).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { level: 3, name: /Mentors écartés/ }).count()).resolves.toBe(1);

    // The second candidate: the first may already hold the mentee's pending proposal.
    const row = ranking.locator('tbody tr').nth(1);
    const mentorName = (await row.locator('th a').innerText()).trim();
    const mentorId = new URL(await row.locator('th a').evaluate((a) => (a as HTMLAnchorElement).href)).searchParams.get('id')!;
    await row.getByRole('button', { name: `Proposer ce mentor\u00a0: ${mentorName}` }).click();
    await expect.poll(() => statusOf(page).innerText(), { timeout: 15_000 }).toMatch(new RegExp(`Proposition envoyée à ${mentorName} \\(tentative \\d+\\)`));

    const mentor = (await apiAsPage(page, `/admin/mentors/${mentorId}`)).body;
    const mail = await waitForMailWhere(
      stack.baseUrl,
      'proposal to the chosen mentor',
      // In the mentor's language: the demo has English-speaking mentors too.
      (m) => m.to.toLowerCase().includes(String(mentor.email).toLowerCase()) && /Proposition de mentorat|Mentoring proposal/.test(m.subject) && m.subject.includes(menteeFirstName),
    );
    expect(mail.subject).toContain(menteeFirstName);
  });

  it('builds a cohort for a partner, keeps a pair, recalculates, and publishes it once after a confirmation', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/cohorts.html');
    await page.getByRole('button', { name: 'Préparer le brouillon' }).click();
    await expect.poll(() => page.locator('[data-field="partnerId"] .field-error').innerText()).toBe('Choisissez un partenaire.');

    const partnerId = await partnerWithMostWaiting(page);
    const partnerName = (await page.locator(`select[name="partnerId"] option[value="${partnerId}"]`).first().innerText()).trim();
    await page.getByLabel(/^Partenaire/).selectOption(partnerId);
    await page.getByRole('button', { name: 'Préparer le brouillon' }).click();
    await page.waitForURL(/\/console\/cohort\.html\?id=[0-9a-f-]{36}$/);
    await waitForConsole(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(`Cohorte\u00a0: ${partnerName}`);
    const pairs = page.getByRole('table', { name: /Binômes de la version 1/ });
    await expect.poll(() => pairs.locator('tbody tr').count()).toBeGreaterThan(0);
    const first = pairs.locator('tbody tr').first();
    const menteeName = (await first.locator('th').innerText()).trim();
    // The explanations open and close (details/summary), by keyboard too.
    await first.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);

    await first.getByRole('button', { name: /^Garder / }).click();
    await expect.poll(() => statusOf(page).innerText()).toContain('Modification ajoutée');
    await page.getByRole('button', { name: /^Recalculer \(1 modification\)$/ }).click();
    await expect.poll(() => statusOf(page).innerText(), { timeout: 20_000 }).toMatch(/^Version 2 calculée\u00a0: \d+ binômes/);
    const kept = page.getByRole('table', { name: /Binômes de la version 2/ }).locator('tbody tr', { has: page.locator('th', { hasText: menteeName }) });
    await expect.poll(() => kept.locator('td').nth(2).innerText()).toBe('Oui');

    await page.getByRole('button', { name: 'Publier…' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirmer la publication');
    await page.getByRole('button', { name: 'Confirmer la publication' }).click();
    await expect.poll(() => statusOf(page).innerText(), { timeout: 20_000 }).toMatch(/^Cohorte publiée\u00a0: \d+ propositions? envoyées?\./);
    const outcomes = page.getByRole('table', { name: /Ce qu’il est advenu de chaque binôme/ });
    await expect.poll(() => outcomes.locator('tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => outcomes.locator('tbody').innerText()).toContain('Proposition envoyée au mentor');
    // Published: no more edits, no second publication.
    await expect(page.getByRole('button', { name: 'Publier…' }).count()).resolves.toBe(0);
    const draftId = new URL(page.url()).searchParams.get('id');
    const again = await apiAsPage(page, `/admin/cohorts/${draftId}/publication`, { method: 'POST', body: { version: 2 } });
    expect(again.status).toBe(409);
    await waitForMailWhere(stack.baseUrl, 'a proposal of the cohort', (m) => m.subject.includes('Proposition de mentorat') && m.subject.includes(menteeName.split(' ')[0]!));
  });

  it('goes back to sign-in when the token is refused or has expired, and returns to the page the officer was on', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/tandems.html');
    const token = await page.evaluate(() => sessionStorage.getItem('tandem.console.idToken'));
    const [header, payload] = token!.split('.');

    // A token the API refuses (its signature does not match): 401, then the sign-in page.
    await page.evaluate(([h, p]) => sessionStorage.setItem('tandem.console.idToken', `${h}.${p}.forged`), [header, payload]);
    // (The mentor page asks two guarded routes at once: both refused, one sign-in.)
    const unknownMentor = '/console/mentor.html?id=00000000-0000-4000-8000-000000000000';
    await page.goto(`${stack.baseUrl}${unknownMentor}`);
    await page.waitForURL(/\/_local\/auth\/authorize/);
    await page.getByRole('button', { name: OFFICER_LABEL }).first().click();
    await page.waitForURL(`${stack.baseUrl}${unknownMentor}`);
    await waitForConsole(page);
    await expect.poll(() => page.locator('#content').innerText()).toBe('Cette fiche n’existe pas ou n’est plus disponible.');

    // An expired token never leaves the page: straight to sign-in.
    const expired = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), exp: Math.floor(Date.now() / 1000) - 60 })).toString('base64url');
    const requests = recordApiRequests(page);
    await page.evaluate(([h, p]) => sessionStorage.setItem('tandem.console.idToken', `${h}.${p}.sig`), [header, expired]);
    await page.goto(`${stack.baseUrl}/console/mentees.html?status=closed`);
    await page.waitForURL(/\/_local\/auth\/authorize/);
    expect(requests.filter((r) => r.headers().authorization)).toEqual([]);
    await page.getByRole('button', { name: OFFICER_LABEL }).first().click();
    await page.waitForURL(`${stack.baseUrl}/console/mentees.html?status=closed`);
  });

  it('signs out: the token is gone and the console asks to sign in again', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/_local\/auth\/authorize/);
    expect(await page.evaluate(() => sessionStorage.getItem('tandem.console.idToken'))).toBeNull();
  });

  it('edits a mentor: the change is saved and shown, and a refused change is said next to its field', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentors.html?status=active&minCapacityLeft=1');
    await page.locator('#content table tbody tr th a').first().click();
    await waitForConsole(page);
    const id = new URL(page.url()).searchParams.get('id');

    const capacity = page.getByLabel(/^Nombre de personnes à la fois/);
    const next = (await capacity.inputValue()) === '5' ? '4' : '5';
    await capacity.selectOption(next);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => statusOf(page).innerText()).toBe('Profil enregistré.');
    await expect.poll(() => fact(page, 'Places').innerText()).toMatch(new RegExp(`sur ${next}$`));
    expect((await apiAsPage(page, `/admin/mentors/${id}`)).body.capacity).toBe(Number(next));

    // No track at all: the API refuses, and says why beside the tracks.
    for (const box of await page.locator('input[name="tracks"]:checked').all()) await box.uncheck();
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => page.locator('[data-field="tracks"] .field-error').count()).toBe(1);
    await expect.poll(() => page.locator('#console-status .alert-error').count()).toBe(1);
    expect((await apiAsPage(page, `/admin/mentors/${id}`)).body.tracks.length).toBeGreaterThan(0);
  });

  it('pages through the mentors with "Page suivante" and back to the first page', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentors.html?status=active');
    const names = () => page.locator('#content table tbody tr th a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    await expect.poll(async () => (await names()).length).toBe(25);
    const first = await names();
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await expect.poll(() => page.locator('.page-number').innerText()).toBe('Page 2');
    const second = await names();
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((href) => first.includes(href))).toEqual([]);
    // The cursor never reaches the address bar.
    expect(new URL(page.url()).search).toBe('?status=active');
    await page.getByRole('button', { name: 'Première page' }).click();
    await expect.poll(() => page.locator('.page-number').innerText()).toBe('Page 1');
    await expect.poll(names).toEqual(first);
  });

  it('adds a partner, edits it, deactivates and reactivates it', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/partners.html');
    const name = `Association E2E ${Math.random().toString(36).slice(2, 7)}`;
    await page.getByLabel(/^Nom/).fill(name);
    await page.getByLabel(/^Type de structure/).selectOption('association');
    await page.getByRole('button', { name: 'Ajouter le partenaire' }).click();
    await expect.poll(() => statusOf(page).innerText()).toBe(`Partenaire ${name} ajouté.`);
    const row = page.locator('#content table tbody tr', { has: page.locator('th', { hasText: name }) });
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe('Actif');

    await row.getByRole('button', { name: `Modifier ${name}` }).click();
    await expect.poll(() => page.getByLabel(/^Nom/).inputValue()).toBe(name);
    await page.getByLabel(/^E‑mail de contact/).fill('contact@association-e2e.example.org');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => statusOf(page).innerText()).toBe(`Partenaire ${name} enregistré.`);
    await expect.poll(() => row.locator('td').nth(3).innerText()).toBe('contact@association-e2e.example.org');

    await row.getByRole('button', { name: `Désactiver ${name}` }).click();
    await expect.poll(() => statusOf(page).innerText()).toContain(`${name} est désactivé`);
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe('Inactif');
    await row.getByRole('button', { name: `Réactiver ${name}` }).click();
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe('Actif');
  });

  it('opens a tandem from the list', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/tandems.html');
    const link = page.locator('#content table tbody tr th a').first();
    const label = (await link.innerText()).trim();
    await link.click();
    await waitForConsole(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(`Tandem\u00a0: ${label}`);
    await expect.poll(() => fact(page, 'Statut').innerText()).toBe('En cours');
    await expect(page.getByRole('heading', { level: 2, name: 'Propositions de cette recherche' }).count()).resolves.toBe(1);
    await expect.poll(() => fact(page, 'Personne accompagnée').locator('a').getAttribute('href')).toMatch(/^mentee\.html\?id=[0-9a-f-]{36}$/);
  });
});
