/**
 * The follow-up in the console (docs/follow-up.md), in Chromium on the demo hub (its tandems come
 * with check-ins, outcomes and alerts): the officer reads a tandem's chronology with a private
 * note, records an outcome, closes a tandem as ended early after a confirmation (and is told
 * clearly when it was closed meanwhile), sees « Tandems à aider » on the home page and marks an
 * alert as dealt with; a partner adviser's tandem page shows the check-ins but never a private
 * note; a mentee's page exports the person's data as a JSON file and erases the person after a
 * confirmation. Then axe-core on each new page and state.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adviserLabel, apiAsPage, audit, OFFICER_LABEL, signIn, useConsoleSession, waitForConsole, type Json } from './console-support';

const statusOf = (page: Page) => page.locator('#console-status');
/** A fact of the tandem's own panel (the outcome panels have facts of the same names). */
const fact = (page: Page, label: string) => page.locator('section[aria-labelledby="tandem-title"] dl.facts > div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Active tandems of the demo, as the officer reads them (ids only), in list order. */
async function activeTandemIds(page: Page, max = 200): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const answer = await apiAsPage(page, `/admin/tandems?status=active&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    ids.push(...(answer.body.items as { id: string }[]).map((t) => t.id));
    cursor = answer.body.nextCursor;
  } while (cursor && ids.length < max);
  return ids;
}

/** The private notes of a tandem's answers (the CCI's view). */
const privateNotes = (t: Json): string[] =>
  (t.checkIns as Json[]).flatMap((r) => [r.answers?.mentor?.privateNote, r.answers?.mentee?.privateNote]).filter((n): n is string => typeof n === 'string' && n.trim() !== '');

/** The first active tandem whose details satisfy `accept`. */
async function findTandem(page: Page, accept: (t: Json) => boolean, skip: ReadonlySet<string> = new Set()): Promise<Json> {
  for (const id of await activeTandemIds(page)) {
    if (skip.has(id)) continue;
    const detail = await apiAsPage(page, `/admin/tandems/${id}`);
    expect(detail.status).toBe(200);
    if (accept(detail.body)) return detail.body;
  }
  throw new Error('no active tandem of the demo fits');
}

describe('the follow-up in the console', () => {
  const session = useConsoleSession({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });

  it('shows a tandem’s chronology with its check-ins and private note, and records an outcome as the CCI', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/tandems.html');
    const t = await findTandem(page, (d) => privateNotes(d).length > 0 && d.checkIns.some((r: Json) => r.sentAt));
    const note = privateNotes(t)[0]!;

    await page.goto(`${stack.baseUrl}/console/tandem.html?id=${t.id}`);
    await waitForConsole(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(`Tandem\u00a0: ${t.mentee.firstName} et ${t.mentor.firstName}`);
    await expect.poll(() => fact(page, 'Statut').innerText()).toBe('En cours');
    await expect(page.getByRole('heading', { level: 2, name: 'Chronologie' }).count()).resolves.toBe(1);
    const chronology = page.locator('ol.timeline');
    const text = await chronology.innerText();
    expect(text).toContain('Début du tandem');
    expect(text).toContain('Premier point d’étape\u00a0: questionnaire envoyé');
    expect(text).toContain('Note confidentielle pour la CCI');
    expect(text).toContain(note.trim());
    // Satisfaction reads « 4/5 » on a monthly answer, when the tandem has one.
    const monthly = (t.checkIns as Json[]).flatMap((r) => [r.answers?.mentor, r.answers?.mentee]).find((a) => a?.kind === 'monthly' && typeof a.satisfaction === 'number');
    if (monthly) expect(text).toContain(`${monthly.satisfaction}/5`);
    // In date order: the start comes before the first check-in mail.
    const items = await chronology.locator('li time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
    expect(items).toEqual([...items].sort());

    // Record the 3-month outcome as the CCI.
    await page.getByRole('button', { name: 'Enregistrer / corriger un résultat\u00a0: résultat à 3\u00a0mois' }).click();
    const form = page.getByRole('form', { name: /Résultat à 3\smois\s: enregistrer ou corriger/ });
    await form.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect.poll(() => form.locator('.field-error').first().innerText()).toBe('Choisissez la situation.');
    const expected = t.track === 'business_creation' ? { label: 'Pas encore', value: { track: 'business_creation', situation: 'none' } } : { label: 'CDI', value: { track: 'job_search', situation: 'permanent_contract' } };
    await form.getByLabel(expected.label, { exact: true }).check();
    await form.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect.poll(() => statusOf(page).innerText(), { timeout: 15_000 }).toContain('Résultat à 3\u00a0mois enregistré');
    await expect.poll(() => page.locator('.outcome-panel').first().innerText()).toContain('source\u00a0: la CCI');
    const after = (await apiAsPage(page, `/admin/tandems/${t.id}`)).body;
    const m3 = (after.outcomes as Json[]).find((s) => s.milestone === 3);
    expect(m3.current.source).toBe('cci');
    expect(m3.current.value).toEqual(expected.value);
  });

  it('closes a tandem as ended early after a confirmation, and says clearly when another closed it first', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/tandems.html');
    const ids = await activeTandemIds(page, 100);
    const [first, second] = [ids.at(-1)!, ids.at(-2)!];

    await page.goto(`${stack.baseUrl}/console/tandem.html?id=${first}`);
    await waitForConsole(page);
    const close = page.getByRole('form', { name: 'Clore le tandem' });
    // Nothing chosen: said next to the field, nothing sent.
    await close.getByRole('button', { name: 'Clore le tandem…' }).click();
    await expect.poll(() => close.locator('[data-field="status"] .field-error').innerText()).toBe('Choisissez comment le tandem se termine.');
    await close.getByLabel('Arrêté avant la fin').check();
    await close.getByLabel('Pas de contact').check();
    await close.getByLabel(/^Note de clôture/).fill('Aucun échange depuis six semaines malgré deux relances.');
    await close.getByRole('button', { name: 'Clore le tandem…' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirmer la clôture');
    await expect.poll(() => page.locator('.confirm-box').innerText()).toContain('arrêté avant la fin («\u00a0Pas de contact\u00a0»)');
    await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await expect.poll(() => statusOf(page).innerText(), { timeout: 15_000 }).toContain('Tandem clos');
    await expect.poll(() => fact(page, 'Statut').innerText()).toBe('Arrêté avant la fin');
    await expect.poll(() => fact(page, 'Raison').innerText()).toBe('Pas de contact');
    await expect.poll(() => page.locator('ol.timeline').innerText()).toContain('Tandem arrêté avant la fin\u00a0: pas de contact');
    await expect(page.getByRole('form', { name: 'Clore le tandem' }).count()).resolves.toBe(0);
    const closed = (await apiAsPage(page, `/admin/tandems/${first}`)).body;
    expect(closed.status).toBe('ended_early');
    expect(closed.endReason).toBe('no_contact');
    expect(closed.endNote).toBe('Aucun échange depuis six semaines malgré deux relances.');
    // Closing again answers 409.
    expect((await apiAsPage(page, `/admin/tandems/${first}/close`, { method: 'POST', body: { status: 'ended_early', reason: 'other' } })).status).toBe(409);

    // Another tandem, closed by someone else while the form waits for its confirmation.
    await page.goto(`${stack.baseUrl}/console/tandem.html?id=${second}`);
    await waitForConsole(page);
    await close.getByLabel('Arrêté avant la fin').check();
    await close.getByLabel('La personne arrête').check();
    await close.getByRole('button', { name: 'Clore le tandem…' }).click();
    expect((await apiAsPage(page, `/admin/tandems/${second}/close`, { method: 'POST', body: { status: 'ended_early', reason: 'mentee_stopped' } })).status).toBe(200);
    await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await expect.poll(() => statusOf(page).innerText()).toContain('Ce tandem ne peut plus être clos\u00a0: il l’a déjà été entre-temps.');
    await expect.poll(() => fact(page, 'Statut').innerText()).toBe('Arrêté avant la fin');
  });

  it('lists « Tandems à aider » on the home page, each linking to its tandem, where the alert is marked as dealt with', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL);
    const heading = page.getByRole('heading', { level: 2, name: /^Tandems à aider \(\d+\)$/ });
    await expect(heading.count()).resolves.toBe(1);
    const before = (await apiAsPage(page, '/admin/attention')).body.tandemAlerts as Json[];
    expect(before.length).toBeGreaterThan(0);
    const rows = page.getByRole('table', { name: 'Tandems à aider' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(before.length);
    const kinds = await rows.locator('td:nth-child(2)').allInnerTexts();
    for (const kind of kinds) expect(['Demande d’aide', 'Le binôme ne fonctionne pas', 'Silencieux depuis deux mois']).toContain(kind);
    await expect.poll(() => rows.first().locator('td').nth(1).innerText()).toMatch(/^(le mentor|la personne accompagnée|le suivi automatique)$/);
    await expect.poll(() => rows.first().locator('td').nth(2).innerText()).toMatch(/^\d{1,2}\s\S+\s\d{4} \(\d+\u00a0jours?\)$/);
    const link = rows.first().locator('th a');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^tandem\.html\?id=[0-9a-f-]{36}$/);
    const tandemId = new URLSearchParams(href.split('?')[1]).get('id')!;
    expect(UUID.test(tandemId)).toBe(true);

    await link.click();
    await waitForConsole(page);
    const alerts = page.getByRole('table', { name: 'Alertes à traiter' });
    await expect.poll(() => alerts.locator('tbody tr').count()).toBeGreaterThan(0);
    const openHere = await alerts.locator('tbody tr').count();
    await alerts.locator('tbody tr').first().getByRole('button', { name: /^Marquer comme traitée/ }).click();
    await expect.poll(() => statusOf(page).innerText()).toContain('Alerte marquée comme traitée');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /^Alertes en cours/ }).innerText()).toBe(`Alertes en cours (${openHere - 1})`);
    await expect.poll(() => page.locator('ol.timeline').innerText()).toContain('Alerte traitée');
    const after = (await apiAsPage(page, '/admin/attention')).body.tandemAlerts as Json[];
    expect(after.length).toBe(before.length - 1);
  });

  it('shows a partner adviser their tandem’s check-ins and outcomes, never a private note', async () => {
    const { page, stack, browser } = session;
    // As the officer: a tandem referred by a partner, with a private note in its check-ins.
    const partners = ((await (await fetch(`${stack.baseUrl}/api/partners`)).json()) as { partners: { id: string; name: string }[] }).partners;
    const officer = await (await browser.newContext()).newPage();
    let t: Json;
    try {
      await signIn(officer, stack.baseUrl, OFFICER_LABEL);
      t = await findTandem(officer, (d) => partners.some((p) => p.id === d.partnerId) && privateNotes(d).length > 0);
    } finally {
      await officer.context().close();
    }
    const partner = partners.find((p) => p.id === t.partnerId)!;

    await signIn(page, stack.baseUrl, adviserLabel(partner.name));
    // The space's tandem list links to the tandem pages by opaque id.
    const links = page.getByRole('table', { name: /Tandems des personnes de votre structure/ }).locator('tbody th a');
    await expect.poll(() => links.count()).toBeGreaterThan(0);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) expect(href).toMatch(/^espace-tandem\.html\?id=[0-9a-f-]{36}$/);

    await page.goto(`${stack.baseUrl}/console/espace-tandem.html?id=${t.id}`);
    await waitForConsole(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(`Tandem\u00a0: ${t.mentee.firstName} et ${t.mentor.firstName}`);
    await expect.poll(() => page.locator('#console-nav a[aria-current="page"]').innerText()).toBe('Espace partenaire');
    const body = await page.locator('#content').innerText();
    expect(body).toContain('Chronologie du suivi');
    expect(body).toContain('Premier point d’étape');
    expect(body).toContain('Résultats à 3, 6 et 12\u00a0mois');
    expect(body).not.toContain('Note confidentielle');
    for (const note of privateNotes(t)) expect(body).not.toContain(note.trim());
    // And the API's answer carries none either.
    const answer = await apiAsPage(page, `/partner/tandems/${t.id}`);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain('privateNote');

    // Another partner's tandem (or none): a clear sentence, nothing shown.
    await page.goto(`${stack.baseUrl}/console/espace-tandem.html?id=00000000-0000-4000-8000-000000000000`);
    await waitForConsole(page);
    await expect.poll(() => page.locator('#content [role="alert"]').innerText()).toBe('Ce tandem n’existe pas ou ne concerne pas votre structure.');
  });

  it('exports a mentee’s data as a JSON file named by id only, then erases the person after a confirmation', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/mentees.html?status=awaiting_match');
    await page.locator('#content table tbody tr th a').first().click();
    await waitForConsole(page);
    const id = new URL(page.url()).searchParams.get('id')!;
    const detail = (await apiAsPage(page, `/admin/mentees/${id}`)).body.mentee;
    await expect(page.getByRole('heading', { level: 2, name: 'Données personnelles' }).count()).resolves.toBe(1);
    const block = page.locator('section.personal-data');
    await expect.poll(() => block.innerText()).toMatch(new RegExp(`Consentement donné le \\d{1,2}\\s[a-zéû]+\\s\\d{4} \\(version ${detail.consentVersion.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\.`));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter les données (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`tandem-mentee-${id}.json`);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.role).toBe('mentee');
    expect(exported.consent.version).toBe(detail.consentVersion);
    expect(JSON.stringify(exported)).toContain(detail.email);
    expect(JSON.stringify(exported)).not.toMatch(/"(PK|SK|GSI\d(PK|SK))"/);

    // The confirmation says what goes and what stays; « Annuler » gives the focus back.
    const erase = page.getByRole('button', { name: 'Effacer la personne…' });
    await erase.click();
    const confirmBox = page.getByRole('group', { name: 'Effacer cette personne\u202f?' });
    await expect.poll(() => confirmBox.innerText()).toContain('Seront effacés');
    await expect.poll(() => confirmBox.innerText()).toContain('Seront gardés');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirmer l’effacement');
    await confirmBox.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Effacer la personne…');
    expect((await apiAsPage(page, `/admin/mentees/${id}`)).body.mentee.erasedAt).toBeUndefined();

    await erase.click();
    await page.getByRole('button', { name: 'Confirmer l’effacement' }).click();
    await expect.poll(() => statusOf(page).innerText(), { timeout: 15_000 }).toContain('Personne effacée');
    await expect.poll(() => block.innerText()).toMatch(/Données effacées le \d{1,2}\s[a-zéû]+\s\d{4}\./);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('personal-data-title');
    await expect(page.getByRole('button', { name: 'Exporter les données (JSON)' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Relancer la recherche' }).count()).resolves.toBe(0);
    await expect.poll(() => page.locator('#content').innerText()).not.toContain(detail.email);
    const after = (await apiAsPage(page, `/admin/mentees/${id}`)).body.mentee;
    expect(after.erasedAt).toBeTruthy();
    // Idempotent: a second request says so.
    expect((await apiAsPage(page, `/admin/people/mentee/${id}/erase`, { method: 'POST', body: { confirm: true } })).body.status).toBe('already_erased');
  });

  it('passes axe-core (WCAG 2.1 A and AA) on the follow-up pages and their states', async () => {
    const { stack, browser } = session;
    // The audit's injected script needs the CSP bypassed: a context of its own.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      const base = stack.baseUrl;
      await signIn(page, base, OFFICER_LABEL);
      await audit(page, 'home with « Tandems à aider »');

      // A tandem with no 12-month outcome yet, so that its form starts empty.
      const t = await findTandem(page, (d) => privateNotes(d).length > 0 && !(d.outcomes as Json[]).some((s) => s.milestone === 12 && s.current));
      await page.goto(`${base}/console/tandem.html?id=${t.id}`);
      await waitForConsole(page);
      await audit(page, 'tandem with its chronology');
      await page.getByRole('button', { name: /^Enregistrer \/ corriger un résultat/ }).last().click();
      await page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
      await page.locator('.inline-form .field-error').waitFor();
      await audit(page, 'outcome form with an error');
      const close = page.getByRole('form', { name: 'Clore le tandem' });
      await close.getByRole('button', { name: 'Clore le tandem…' }).click();
      await close.locator('.field-error').first().waitFor();
      await audit(page, 'close form with an error');
      await close.getByLabel('Terminé', { exact: true }).check();
      await audit(page, 'close form, completed: the outcome asked');
      await close.getByLabel('Arrêté avant la fin').check();
      await close.getByLabel('Autre raison').check();
      await close.getByRole('button', { name: 'Clore le tandem…' }).click();
      await page.getByRole('button', { name: 'Confirmer la clôture' }).waitFor();
      await audit(page, 'closing to confirm');

      await page.goto(`${base}/console/mentees.html?status=unmatched`);
      await waitForConsole(page);
      await page.locator('#content table tbody tr th a').first().click();
      await waitForConsole(page);
      await page.getByRole('button', { name: 'Effacer la personne…' }).click();
      await audit(page, 'mentee, erasure to confirm');
      await page.goto(`${base}/console/mentors.html?status=active`);
      await waitForConsole(page);
      await page.locator('#content table tbody tr th a').first().click();
      await waitForConsole(page);
      await audit(page, 'mentor with personal data');

      const partners = ((await (await fetch(`${base}/api/partners`)).json()) as { partners: { id: string; name: string }[] }).partners;
      const referred = await findTandem(page, (d) => Boolean(d.partnerId) && partners.some((p) => p.id === d.partnerId));
      // A new tab: its own sessionStorage, so its own sign-in.
      const adviser = await context.newPage();
      await signIn(adviser, base, adviserLabel(partners.find((p) => p.id === referred.partnerId)!.name), `/console/espace-tandem.html?id=${referred.id}`);
      await audit(adviser, 'partner’s tandem page');
    } finally {
      await context.close();
    }
  }, 180_000);
});
