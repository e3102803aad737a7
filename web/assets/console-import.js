/**
 * « Importer un programme » (docs/import/README.md): up to four CSV files (partners, mentors,
 * mentees, tandems) read as text in the browser, checked by a dry run (POST /api/admin/imports,
 * `dryRun: true`), then imported (`dryRun: false`) — « Importer » is offered only after a check
 * without problem of the very same files. The answer is shown as per-file counts and a table of
 * problems (file, line, column, problem). Nothing is written by a check; a real run is idempotent by
 * `external_id`, so importing the same files again changes nothing.
 */
/* global FileReader */
import { announce, api, errorText, fill, h, nextId, showForbidden, table } from './console.js';

const formatCount = (/** @type {number} */ n) => new Intl.NumberFormat('fr-FR').format(n);

/** The files, in the order an import writes them (IMPORT_FILES), with their template. */
export const IMPORT_FILES = /** @type {const} */ ([
  ['partners', 'Partenaires', 'partners.csv'],
  ['mentors', 'Mentors', 'mentors.csv'],
  ['mentees', 'Personnes accompagnées', 'mentees.csv'],
  ['tandems', 'Tandems', 'tandems.csv'],
]);
/** The most characters one file may hold (MAX_IMPORT_FILE_CHARS, held equal by test/unit/console-report-format.test.ts). */
export const MAX_FILE_CHARS = 1_500_000;

/** A file’s text (UTF-8). @param {Blob} file @returns {Promise<string>} */
function readText(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result ?? '')));
    reader.addEventListener('error', () => reject(reader.error));
    reader.readAsText(file, 'utf-8');
  });
}

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  /** The texts of the last check without problem, by kind; « Importer » sends only these. @type {Record<string, string> | undefined} */
  let checked;

  const inputs = IMPORT_FILES.map(([kind, label, template]) => {
    const id = nextId(`file-${kind}`);
    const hintId = `${id}-hint`;
    const input = /** @type {HTMLInputElement} */ (h('input', { id, name: kind, type: 'file', class: 'input', accept: '.csv,text/csv', 'aria-describedby': hintId }));
    input.addEventListener('change', () => invalidate());
    return {
      kind,
      label,
      input,
      box: h(
        'div',
        { class: 'field', dataset: { field: kind } },
        h('label', { for: id }, label, h('span', { class: 'opt' }, ' (facultatif)')),
        h('p', { class: 'hint', id: hintId }, `Sur le modèle ${template}.`),
        input,
      ),
    };
  });

  const checkButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button button-secondary' }, 'Vérifier'));
  const importButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-primary', disabled: true, 'aria-describedby': 'import-when' }, 'Importer'));
  const outcome = h('div', { id: 'import-outcome', tabindex: '-1' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'panel', novalidate: true, 'aria-labelledby': 'import-form-title' },
      h('h2', { id: 'import-form-title' }, 'Fichiers à importer'),
      h('p', {}, 'Choisissez un à quatre fichiers CSV (UTF‑8, une ligne d’en-tête, séparés par des virgules ou des points-virgules). Les personnes, partenaires et tandems déjà importés (même identifiant externe) restent tels quels.'),
      h('div', { class: 'import-files' }, inputs.map((i) => i.box)),
      h('p', { id: 'import-when', class: 'hint' }, '« Importer » devient disponible après une vérification sans problème des mêmes fichiers.'),
      h('div', { class: 'inline-actions' }, checkButton, importButton),
    )
  );

  /** A file changed: the last result no longer speaks of the chosen files, and « Importer » waits for a new check. */
  function invalidate() {
    if (outcome.childElementCount > 0) {
      fill(outcome);
      announce('Les fichiers ont changé\u00a0: vérifiez-les à nouveau avant d’importer.');
    }
    checked = undefined;
    importButton.disabled = true;
  }

  /** The chosen files' texts, or a sentence saying why not. @returns {Promise<Record<string, string> | string>} */
  async function readFiles() {
    /** @type {Record<string, string>} */
    const files = {};
    for (const { kind, label, input } of inputs) {
      const file = input.files?.[0];
      if (!file) continue;
      const text = await readText(file).catch(() => undefined);
      if (text === undefined) return `Le fichier ${file.name} (${label}) n’a pas pu être lu.`;
      if (text.length > MAX_FILE_CHARS) return `Le fichier ${file.name} (${label}) est trop volumineux (au plus ${formatCount(MAX_FILE_CHARS)}\u00a0caractères)\u00a0: découpez-le.`;
      files[kind] = text;
    }
    return Object.keys(files).length === 0 ? 'Choisissez au moins un fichier.' : files;
  }

  /** @param {boolean} dryRun @param {HTMLButtonElement} button */
  async function send(dryRun, button) {
    if (button.disabled) return;
    const files = await readFiles();
    if (typeof files === 'string') {
      announce(files, 'error');
      return;
    }
    if (!dryRun && (!checked || JSON.stringify(files) !== JSON.stringify(checked))) {
      invalidate();
      return;
    }
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    fill(outcome, h('p', { class: 'load-status' }, dryRun ? 'Vérification en cours…' : 'Import en cours…'));
    let answer;
    try {
      answer = await api('/admin/imports', { method: 'POST', body: { dryRun, files } });
    } catch {
      fill(outcome);
      return;
    } finally {
      button.removeAttribute('aria-busy');
      button.disabled = false;
    }
    if (answer.status === 403) return showForbidden();
    if (answer.status !== 200 && answer.status !== 201) {
      fill(outcome);
      checked = undefined;
      importButton.disabled = true;
      announce(errorText(answer), 'error');
      return;
    }
    const result = answer.body;
    checked = dryRun && result.ok ? files : undefined;
    importButton.disabled = !checked;
    renderOutcome(result);
    announce(summary(result), result.ok ? 'info' : 'error');
    outcome.focus();
  }

  /** @param {any} result */
  function summary(result) {
    const problems = result.problems.length;
    if (result.dryRun) {
      return result.ok
        ? `Vérification terminée, aucun problème\u00a0: ${formatCount(created(result))}\u00a0lignes à créer. Vous pouvez importer.`
        : `Vérification terminée\u00a0: ${formatCount(problems)}\u00a0${problems === 1 ? 'problème' : 'problèmes'} à corriger avant d’importer.`;
    }
    return result.ok
      ? `Import terminé\u00a0: ${formatCount(created(result))}\u00a0lignes créées.`
      : `Import interrompu\u00a0: ${formatCount(problems)}\u00a0${problems === 1 ? 'problème' : 'problèmes'}. Les fichiers sans problème ont été écrits (voir le tableau).`;
  }
  /** @param {any} result */
  const created = (result) => result.files.reduce((/** @type {number} */ sum, /** @type {any} */ f) => sum + f.created, 0);

  /** @param {any} result */
  function renderOutcome(result) {
    fill(
      outcome,
      h('h2', { id: 'outcome-title' }, result.dryRun ? 'Résultat de la vérification' : 'Résultat de l’import'),
      h('p', { class: result.ok ? 'alert import-outcome-ok' : 'alert alert-error' }, summary(result)),
      table({
        caption: result.dryRun ? 'Lignes par fichier (rien n’a été écrit)' : 'Lignes par fichier',
        head: ['Fichier', 'Lignes', result.dryRun ? 'À créer' : 'Créées', 'Déjà importées', 'Écrit'],
        rows: result.files.map((/** @type {any} */ f) => [f.file, formatCount(f.rows), formatCount(f.created), formatCount(f.unchanged), f.written ? 'Oui' : 'Non']),
        empty: 'Aucun fichier lu.',
      }),
      result.problems.length > 0
        ? table({
            caption: `Problèmes à corriger (${formatCount(result.problems.length)})`,
            head: ['Fichier', 'Ligne', 'Colonne', 'Problème'],
            rows: result.problems.map((/** @type {any} */ p) => [p.file, String(p.line), p.column ?? '—', p.message]),
          })
        : null,
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(true, checkButton);
  });
  importButton.addEventListener('click', () => void send(false, importButton));

  fill(
    content,
    h(
      'section',
      { 'aria-labelledby': 'templates-title' },
      h('h2', { id: 'templates-title' }, 'Modèles de fichiers'),
      h('p', {}, 'Partez des modèles\u00a0: leurs colonnes, dans cet ordre, et leurs codes (parcours, secteurs, communes) sont ceux que l’import attend. Le guide complet est dans la documentation du projet (docs/import/README.md).'),
      h(
        'ul',
        { class: 'template-list' },
        IMPORT_FILES.map(([kind, label, template]) => h('li', {}, h('a', { href: `modeles/${template}`, download: template, dataset: { template: kind } }, `Modèle ${label.toLowerCase()} (${template})`))),
      ),
    ),
    form,
    outcome,
  );
}

