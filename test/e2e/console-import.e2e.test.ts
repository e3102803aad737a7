/**
 * The console's « Import » page in Chromium, on the demo hub: the four templates download from
 * the page; a faulty mentors file is checked and every problem is listed by file, line and column
 * in French, with « Importer » left unavailable and nothing written; the four templates are then
 * checked without problem, imported, and checked again: every line is already imported
 * (idempotent by external_id). Saved as docs/screenshots/console-import.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IMPORT_FILES } from '../../shared/domain/report-schemas';
import { apiAsPage, OFFICER_LABEL, signIn, useConsoleSession } from './console-support';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('../../web/console/modeles/', import.meta.url));
const template = (kind: string) => readFileSync(`${TEMPLATES}${kind}.csv`);

/** The file input of a kind, found by its label as a person does. */
const LABELS: Record<string, RegExp> = { partners: /^Partenaires/, mentors: /^Mentors/, mentees: /^Personnes accompagnées/, tandems: /^Tandems/ };

/** The rows of the outcome's tables: the per-file counts and the problems. */
async function tableRows(page: Page, caption: RegExp): Promise<string[][]> {
  const table = page.locator('#import-outcome table', { has: page.locator('caption', { hasText: caption }) });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.children).map((cell) => (cell.textContent ?? '').trim())));
}

const statusOf = (page: Page) => page.locator('#console-status');

describe('the console’s « Import » page', () => {
  const session = useConsoleSession({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });

  it('offers the four templates, lists a faulty file’s problems by line and column, then imports the templates once', async () => {
    const { page, stack } = session;
    await signIn(page, stack.baseUrl, OFFICER_LABEL, '/console/import.html');
    await expect.poll(() => page.getByRole('link', { name: 'Import', exact: true }).getAttribute('aria-current')).toBe('page');

    // The templates: one link each, to the very files the import expects
    for (const kind of IMPORT_FILES) {
      const href = await page.locator(`a[data-template="${kind}"]`).getAttribute('href');
      const response = await fetch(new URL(href!, `${stack.baseUrl}/console/import.html`));
      expect(response.status, kind).toBe(200);
      expect(await response.text()).toBe(template(kind).toString('utf8'));
    }
    const importButton = page.getByRole('button', { name: 'Importer', exact: true });
    expect(await importButton.isDisabled()).toBe(true);

    // Act: a mentors file with a bad date and an unknown sector
    const lines = template('mentors').toString('utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const broken = lines[1]!.split(',');
    broken[header.indexOf('joined_on')] = '2025-13-45';
    broken[header.indexOf('sectors')] = 'ZZ';
    const faulty = [lines[0], broken.join(','), ...lines.slice(2)].join('\n');
    await page.getByLabel(LABELS.mentors!).setInputFiles({ name: 'mentors.csv', mimeType: 'text/csv', buffer: Buffer.from(faulty) });
    await page.getByRole('button', { name: 'Vérifier' }).click();

    // Assert: each problem on its line and column, in French; nothing importable, nothing written
    const problems = await tableRows(page, /^Problèmes à corriger/);
    expect(problems).toContainEqual(['mentors.csv', '2', 'joined_on', expect.stringMatching(/^date invalide .*2025-13-45/)]);
    expect(problems).toContainEqual(['mentors.csv', '2', 'sectors', expect.stringMatching(/^code inconnu .*ZZ/)]);
    await expect.poll(() => statusOf(page).innerText()).toMatch(/^Vérification terminée\u00a0: \d+\u00a0problèmes? à corriger avant d’importer\.$/);
    expect(await importButton.isDisabled()).toBe(true);
    expect(await tableRows(page, /rien n’a été écrit/)).toEqual([['mentors.csv', String(lines.length - 1), expect.any(String), '0', 'Non']]);

    // Act: the four templates, checked
    for (const kind of IMPORT_FILES) await page.getByLabel(LABELS[kind]!).setInputFiles({ name: `${kind}.csv`, mimeType: 'text/csv', buffer: template(kind) });
    await expect.poll(() => statusOf(page).innerText()).toContain('vérifiez-les à nouveau');
    await page.getByRole('button', { name: 'Vérifier' }).click();

    // Assert: no problem, every line to create, « Importer » now offered
    await expect.poll(() => statusOf(page).innerText()).toMatch(/^Vérification terminée, aucun problème\u00a0: \d+\u00a0lignes à créer\. Vous pouvez importer\.$/);
    const planned = await tableRows(page, /rien n’a été écrit/);
    expect(planned.map((row) => row[0])).toEqual(IMPORT_FILES.map((kind) => `${kind}.csv`));
    for (const [file, rows, create, unchanged, written] of planned) {
      const expected = template(file!.replace('.csv', '')).toString('utf8').trimEnd().split('\n').length - 1;
      expect([rows, create, unchanged, written], file).toEqual([String(expected), String(expected), '0', 'Non']);
    }
    expect(await importButton.isEnabled()).toBe(true);

    // Act: import
    await importButton.click();

    // Assert: written, and the imported partners are in the programme
    await expect.poll(() => statusOf(page).innerText(), { timeout: 60_000 }).toMatch(/^Import terminé\u00a0: \d+\u00a0lignes créées\.$/);
    const written = await tableRows(page, /^Lignes par fichier$/);
    expect(written.every((row) => row[4] === 'Oui' && row[2] === row[1])).toBe(true);
    const partnerNames = template('partners').toString('utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',')[1]);
    const listed = await apiAsPage(page, '/admin/partners');
    expect(listed.status).toBe(200);
    const names = (listed.body.items as { name: string }[]).map((p) => p.name);
    for (const name of partnerNames) expect(names).toContain(name);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}console-import.png`, fullPage: true });

    // Act: the same files checked again
    await page.getByRole('button', { name: 'Vérifier' }).click();

    // Assert: every line is already imported, nothing to create
    await expect.poll(() => statusOf(page).innerText()).toMatch(/^Vérification terminée, aucun problème\u00a0: 0\u00a0lignes à créer\./);
    for (const [file, rows, create, unchanged] of await tableRows(page, /rien n’a été écrit/)) expect([create, unchanged], file).toEqual(['0', rows]);
  }, 180_000);
});
