/**
 * « Rapports » (docs/reports.md): a period's KPIs computed now (GET /api/admin/reports/kpis), the
 * headline figures beside the programme-to-date ones, every KPI of a breakdown (overall, by
 * partner, by département) in a table, bar charts; producing and mailing the report on demand
 * (POST /api/admin/reports, after a confirmation); the stored reports, each file downloaded
 * through a short-lived link. The period comes from `?period=` (the report mail links here) or is
 * the last full month in Europe/Paris.
 *
 * The CSP allows no inline style: a bar is an SVG `rect` whose `width` attribute is its share of
 * the viewBox, and each chart is a table (its numbers are text, the bars are aria-hidden).
 */
import { announce, api, errorText, field, fill, formatDateTime, h, nextId, showError, showForbidden, table } from './console.js';
import { formatCount, formatKpi, formatRate, isSignificant, KPIS, MONTH_NAMES, PERIOD_PATTERN, periodLabel, previousParisMonth, ratePercent, scopesOf } from './console-report-format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const BREAKDOWNS = /** @type {const} */ ([
  ['overall', 'Ensemble'],
  ['partner', 'Par partenaire'],
  ['departement', 'Par département'],
]);
/** The report's files, in words (others keep their name). */
const FILE_LABELS = /** @type {Array<[RegExp, string]>} */ ([
  [/^rapport-.*\.xlsx$/, 'Classeur Excel'],
  [/^synthese\.csv$/, 'Synthèse (CSV)'],
  [/^par-partenaire\.csv$/, 'Par partenaire (CSV)'],
  [/^par-departement\.csv$/, 'Par département (CSV)'],
  [/^report\.json$/, 'Données (JSON)'],
  [/^mail\.html$/, 'E‑mail envoyé'],
  [/^digest\.html$/, 'Point hebdomadaire'],
  [/^mail-sent\.json$/, 'Accusé d’envoi (JSON)'],
]);

/** A file's place in the list: the workbook first, the mail's marker last, unknown files after. @param {string} name */
const fileRank = (name) => {
  const index = FILE_LABELS.findIndex(([pattern]) => pattern.test(name));
  return index === -1 ? FILE_LABELS.length : index;
};

/** « d’octobre 2026 », « de mars 2026 », « de l’année 2026 ». @param {string} id */
const ofPeriod = (id) => (/^\d{4}$/.test(id) ? `de l’${periodLabel(id)}` : /^[aeiouyàâéèêîôû]/i.test(periodLabel(id)) ? `d’${periodLabel(id)}` : `de ${periodLabel(id)}`);

/** @param {number} bytes */
const formatSize = (bytes) => (bytes < 1024 ? `${bytes}\u00a0octets` : `${formatCount(Math.max(1, Math.round(bytes / 1024)))}\u00a0Ko`);

/** An SVG element with attributes (attributes are not styles: the CSP allows them). @param {string} tag @param {Record<string, string | number>} attributes */
function svg(tag, attributes) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  return el;
}

/** A horizontal bar, `share` from 0 to 100 of its cell's width; hidden from assistive technologies (the value is text beside it). @param {number} share @param {boolean} [weak] */
function bar(share, weak = false) {
  const box = svg('svg', { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
  box.append(svg('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10 }));
  box.append(svg('rect', { class: weak ? 'bar-fill bar-fill-weak' : 'bar-fill', x: 0, y: 0, width: Math.max(0, Math.min(100, share)), height: 10 }));
  return box;
}

/**
 * A bar chart as a table: one row per item, its name, its value in words and its bar.
 * @param {{ id: string, caption: string, head: [string, string], rows: Array<{ name: string, share: number, text: string, weak?: boolean }>, empty: string, note?: string }} spec
 */
function barChart(spec) {
  if (spec.rows.length === 0) return h('figure', { class: 'chart', dataset: { chart: spec.id } }, h('figcaption', {}, spec.caption), h('p', { class: 'empty' }, spec.empty));
  const captionId = nextId('chart');
  return h(
    'figure',
    { class: 'chart', dataset: { chart: spec.id } },
    h(
      'div',
      { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': captionId },
      h(
        'table',
        { class: 'data bar-chart' },
        h('caption', { id: captionId }, spec.caption),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, spec.head[0]), h('th', { scope: 'col' }, spec.head[1]))),
        h(
          'tbody',
          {},
          spec.rows.map((row) =>
            h('tr', {}, h('th', { scope: 'row' }, row.name), h('td', {}, h('div', { class: 'bar-cell' }, bar(row.share, row.weak), h('span', { class: 'bar-value' }, row.text)))),
          ),
        ),
      ),
    ),
    spec.note ? h('p', { class: 'hint' }, spec.note) : null,
  );
}

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const params = new URLSearchParams(location.search);
  const asked = params.get('period') ?? '';
  const initial = PERIOD_PATTERN.test(asked) ? asked : previousParisMonth(new Date());
  const breakdownAsked = params.get('vue') ?? '';
  let breakdown = BREAKDOWNS.some(([key]) => key === breakdownAsked) ? breakdownAsked : 'overall';
  let period = initial;
  /** @type {any} */
  let report;

  const thisYear = Number(previousParisMonth(new Date()).slice(0, 4)) + 1;
  const firstYear = Math.min(thisYear - 5, Number(initial.slice(0, 4)));
  const years = [];
  for (let y = thisYear; y >= firstYear; y--) years.push(String(y));

  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', novalidate: true, 'aria-label': 'Choisir la période et la ventilation' },
      field({ name: 'year', label: 'Année', required: true, value: initial.slice(0, 4), options: years.map((y) => [y, y]) }),
      field({
        name: 'month',
        label: 'Mois',
        value: initial.slice(5, 7),
        options: [['', 'Toute l’année'], ...MONTH_NAMES.map((name, i) => /** @type {[string, string]} */ ([String(i + 1).padStart(2, '0'), name]))],
      }),
      field({ name: 'vue', label: 'Ventilation', required: true, value: breakdown, options: BREAKDOWNS.map(([key, label]) => [key, label]) }),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Afficher'),
    )
  );
  const results = h('div', { id: 'report-results' });
  const produceStatus = h('p', { id: 'produce-status', class: 'produce-status', role: 'status', 'aria-live': 'polite' });
  const produceBox = h('div', { id: 'produce-box' });
  const produceSection = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'produce-title' },
    h('h2', { id: 'produce-title', tabindex: '-1' }, 'Produire le rapport'),
    h('p', { id: 'produce-what' }),
    produceBox,
    produceStatus,
  );
  const archive = h('div', { id: 'report-archive' });

  fill(
    content,
    form,
    results,
    produceSection,
    h('section', { 'aria-labelledby': 'archive-title' }, h('h2', { id: 'archive-title' }, 'Rapports enregistrés'), h('p', {}, 'Chaque fichier se télécharge par un lien valable quelques minutes.'), archive),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const year = /** @type {HTMLSelectElement} */ (form.elements.namedItem('year')).value;
    const month = /** @type {HTMLSelectElement} */ (form.elements.namedItem('month')).value;
    const next = month ? `${year}-${month}` : year;
    const nextBreakdown = /** @type {HTMLSelectElement} */ (form.elements.namedItem('vue')).value;
    const query = new URLSearchParams({ period: next, ...(nextBreakdown === 'overall' ? {} : { vue: nextBreakdown }) });
    history.replaceState(null, '', `?${query}`);
    breakdown = nextBreakdown;
    if (next === period && report) {
      renderReport();
      announce(`Indicateurs ${ofPeriod(period)} affichés, ${labelOfBreakdown(breakdown).toLowerCase()}.`);
      return;
    }
    period = next;
    void load(true);
  });

  /** @param {string} key */
  const labelOfBreakdown = (key) => BREAKDOWNS.find(([k]) => k === key)?.[1] ?? key;

  async function load(announceIt = false) {
    report = undefined;
    renderProduce();
    fill(results, h('p', { class: 'load-status' }, `Calcul des indicateurs ${ofPeriod(period)}…`));
    const answer = await api(`/admin/reports/kpis?period=${encodeURIComponent(period)}`);
    if (answer.status === 403) return showForbidden();
    if (answer.status !== 200) {
      showError(results, errorText(answer));
      return;
    }
    report = answer.body;
    renderReport();
    if (announceIt) announce(`Indicateurs ${ofPeriod(period)} affichés.`);
  }

  function renderReport() {
    const r = report;
    const min = r.minimumCases;
    const headlines = KPIS.filter((k) => k.headline);
    const cards = h(
      'ul',
      { class: 'kpi-cards' },
      headlines.map((kpi) =>
        h(
          'li',
          { class: 'kpi-card', dataset: { kpi: kpi.id } },
          h('p', { class: 'kpi-label' }, kpi.label),
          h('p', { class: 'kpi-value' }, formatKpi(kpi, r.overall[kpi.id], min)),
          h('p', { class: 'kpi-since' }, `Depuis le début\u00a0: ${formatKpi(kpi, r.since_start[kpi.id], min)}`),
        ),
      ),
    );

    const scopes = scopesOf(r, /** @type {any} */ (breakdown));
    const kpiTable = table({
      caption: `Tous les indicateurs ${ofPeriod(r.period.id)}, ${labelOfBreakdown(breakdown).toLowerCase()}`,
      head: ['Indicateur', ...(breakdown === 'overall' ? [periodLabel(r.period.id), `Depuis le début (${periodLabel(r.programmeStart)})`] : scopes.map((s) => s.name))],
      rows: KPIS.map((kpi) => [kpi.label, ...scopes.map((s) => formatKpi(kpi, /** @type {any} */ (s.set)[kpi.id], min))]),
      empty: 'Aucun indicateur pour cette ventilation.',
    });

    // Charts: by partner (overall and by partner), by département (by département).
    const byDepartement = breakdown === 'departement';
    const chartScopes = scopesOf(r, byDepartement ? 'departement' : 'partner');
    const dimension = byDepartement ? 'département' : 'partenaire';
    const started = chartScopes.map((s) => ({ name: s.name, value: /** @type {any} */ (s.set).tandems_started })).filter((s) => s.value > 0).sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'fr'));
    const most = Math.max(1, ...started.map((s) => s.value));
    const exits = chartScopes
      .map((s) => ({ name: s.name, rate: /** @type {any} */ (s.set).job_search_positive_exit }))
      .filter((s) => s.rate.den > 0)
      .sort((a, b) => ratePercent(b.rate) - ratePercent(a.rate) || b.rate.den - a.rate.den);
    const load = r.overall.mentor_load;
    const loadRows = load
      ? /** @type {Array<[string, number]>} */ ([
          ['Sans tandem', load.by_tandems['0']],
          ['1 tandem', load.by_tandems['1']],
          ['2 tandems', load.by_tandems['2']],
          ['3 tandems ou plus', load.by_tandems['3+']],
        ])
      : [];
    const mostMentors = Math.max(1, ...loadRows.map(([, n]) => n));

    fill(
      results,
      h(
        'section',
        { 'aria-labelledby': 'headline-title' },
        h('h2', { id: 'headline-title', tabindex: '-1' }, `Chiffres clés ${ofPeriod(r.period.id)}`),
        h('p', { class: 'hint' }, `Calculés le ${formatDateTime(r.generatedAt)}, heure de Paris. Un taux sur moins de ${min}\u00a0cas est dit non significatif.`),
        cards,
      ),
      h(
        'section',
        { 'aria-labelledby': 'charts-title' },
        h('h2', { id: 'charts-title' }, 'Graphiques'),
        h(
          'div',
          { class: 'charts' },
          barChart({
            id: 'tandems-started',
            caption: `Tandems démarrés par ${dimension}, ${periodLabel(r.period.id)}`,
            head: [byDepartement ? 'Département' : 'Partenaire', 'Tandems démarrés'],
            rows: started.map((s) => ({ name: s.name, share: (s.value / most) * 100, text: formatCount(s.value) })),
            empty: 'Aucun tandem démarré sur la période.',
          }),
          barChart({
            id: 'positive-exits',
            caption: `Sorties positives (recherche d’emploi) par ${dimension}, ${periodLabel(r.period.id)}`,
            head: [byDepartement ? 'Département' : 'Partenaire', 'Sorties positives'],
            rows: exits.map((s) => ({ name: s.name, share: ratePercent(s.rate), text: formatRate(s.rate, min), weak: !isSignificant(s.rate, min) })),
            empty: 'Aucune sortie de tandem en recherche d’emploi sur la période.',
            note: `Barre pâle\u00a0: moins de ${min}\u00a0cas, taux non significatif.`,
          }),
          barChart({
            id: 'mentor-load',
            caption: `Charge des mentors actifs en fin de période (${load ? formatCount(load.mentors) : 0}\u00a0mentors)`,
            head: ['Tandems en cours', 'Mentors'],
            rows: loadRows.map(([name, n]) => ({ name, share: (n / mostMentors) * 100, text: formatCount(n) })),
            empty: 'Aucun mentor actif en fin de période.',
          }),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'all-title' },
        h('h2', { id: 'all-title' }, `Tous les indicateurs, ${labelOfBreakdown(breakdown).toLowerCase()}`),
        kpiTable,
        breakdown === 'partner' ? h('p', { class: 'hint' }, '—\u00a0: sans objet pour cette ventilation (les mentors ne dépendent pas d’un partenaire).') : null,
      ),
    );
    renderProduce();
  }

  /** Whether « Produire le rapport » also mails it (the API's `send`, true by default). */
  let send = true;
  let confirming = false;
  function renderProduce() {
    const what = document.getElementById('produce-what');
    if (what) what.textContent = `Le rapport ${ofPeriod(period)} est calculé à nouveau et enregistré (classeur Excel, fichiers CSV, données JSON, e‑mail). Il remplace un rapport déjà produit pour cette période.`;
    const focusFirst = () => /** @type {HTMLElement | null} */ (produceBox.querySelector('.inline-actions button'))?.focus();
    if (!confirming) {
      const sendBox = /** @type {HTMLInputElement} */ (h('input', { id: 'produce-send', type: 'checkbox', name: 'send', checked: send }));
      sendBox.addEventListener('change', () => (send = sendBox.checked));
      const start = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-primary' }, 'Produire le rapport'));
      start.addEventListener('click', () => {
        if (!send) return void produce(start);
        confirming = true;
        renderProduce();
        focusFirst();
      });
      fill(
        produceBox,
        h('div', { class: 'option produce-send' }, sendBox, h('label', { for: 'produce-send' }, 'L’envoyer aussi par e‑mail à la liste de diffusion de la CCI')),
        h('div', { class: 'inline-actions' }, start),
      );
      return;
    }
    const confirm = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-primary' }, 'Confirmer l’envoi'));
    confirm.addEventListener('click', () => void produce(confirm));
    fill(
      produceBox,
      h(
        'div',
        { class: 'confirm-box', role: 'group', 'aria-labelledby': 'produce-confirm-text' },
        h('p', { id: 'produce-confirm-text' }, `Produire le rapport ${ofPeriod(period)} et l’envoyer à la liste de diffusion de la CCI\u202f?`),
        h(
          'div',
          { class: 'inline-actions' },
          confirm,
          h('button', { type: 'button', class: 'button button-secondary', onclick: () => ((confirming = false), renderProduce(), focusFirst()) }, 'Annuler'),
        ),
      ),
    );
  }

  /** @param {HTMLButtonElement} button */
  async function produce(button) {
    if (button.disabled) return;
    const target = period;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    produceStatus.classList.remove('produce-failed');
    produceStatus.textContent = `Production du rapport ${ofPeriod(target)} en cours… Cela peut prendre quelques secondes.`;
    const answer = await api('/admin/reports', { method: 'POST', body: { period: target, send } }).catch(() => undefined);
    confirming = false;
    renderProduce();
    // The pressed button is gone: the focus goes back to « Produire le rapport », the result is read from the status.
    /** @type {HTMLElement | null} */ (produceBox.querySelector('.inline-actions button'))?.focus();
    if (!answer) {
      produceStatus.textContent = '';
      return;
    }
    if (answer.status === 403) return showForbidden();
    if (answer.status !== 200 && answer.status !== 201) {
      produceStatus.textContent = `Le rapport n’a pas été produit\u00a0: ${errorText(answer)}`;
      produceStatus.classList.add('produce-failed');
      return;
    }
    const { files, mailed } = answer.body;
    const sent = !send ? 'sans envoi par e‑mail' : mailed === 0 ? 'aucun envoi (liste de diffusion vide)' : mailed === 1 ? 'envoyé à 1\u00a0adresse' : `envoyé à ${mailed}\u00a0adresses`;
    produceStatus.textContent = `Rapport ${ofPeriod(answer.body.period)} produit\u00a0: ${files.length}\u00a0fichiers enregistrés, ${sent}. Ils sont dans la liste des rapports enregistrés.`;
    await loadArchive(answer.body.period);
  }

  /** @param {string} [fresh] the period just produced, marked in the list */
  async function loadArchive(fresh) {
    const answer = await api('/admin/reports');
    if (answer.status === 403) return showForbidden();
    if (answer.status !== 200) {
      showError(archive, errorText(answer));
      return;
    }
    fill(
      archive,
      table({
        caption: 'Rapports et points hebdomadaires enregistrés, les plus récents d’abord',
        head: ['Période', 'Fichiers'],
        rows: answer.body.reports.map((/** @type {any} */ stored) => [
          stored.period === fresh ? h('span', { dataset: { period: stored.period } }, periodLabel(stored.period), ' ', h('span', { class: 'badge' }, 'vient d’être produit')) : h('span', { dataset: { period: stored.period } }, periodLabel(stored.period)),
          h(
            'ul',
            { class: 'file-list' },
            [...stored.files].sort((/** @type {any} */ a, /** @type {any} */ b) => fileRank(a.name) - fileRank(b.name) || a.name.localeCompare(b.name)).map((/** @type {any} */ file) => {
              const label = FILE_LABELS.find(([pattern]) => pattern.test(file.name))?.[1] ?? file.name;
              const link = h('span', { class: 'file-link' });
              const button = /** @type {HTMLButtonElement} */ (
                h('button', { type: 'button', class: 'button button-secondary button-small', dataset: { file: file.name } }, label, h('span', { class: 'sr-only' }, `, ${periodLabel(stored.period)}`))
              );
              button.addEventListener('click', () => void download(button, link, stored.period, file.name, label));
              return h('li', {}, button, h('span', { class: 'file-meta' }, `${file.name}, ${formatSize(file.size)}`), link);
            }),
          ),
        ]),
        empty: 'Aucun rapport enregistré pour le moment.',
      }),
    );
  }

  /**
   * Asks the API for a short-lived link to a stored file, then starts the download (a mail opens in
   * a new tab) and leaves the link beside the button, with its expiry, in case the browser held it back.
   * @param {HTMLButtonElement} button @param {HTMLElement} slot @param {string} storedPeriod @param {string} name @param {string} label
   */
  async function download(button, slot, storedPeriod, name, label) {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      const answer = await api(`/admin/reports/${encodeURIComponent(storedPeriod)}/files/${encodeURIComponent(name)}`);
      if (answer.status === 403) return showForbidden();
      if (answer.status !== 200 || typeof answer.body?.url !== 'string') {
        announce(errorText(answer), 'error');
        return;
      }
      const { url, expiresAt } = answer.body;
      const html = name.endsWith('.html');
      const until = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(expiresAt));
      const link = h(
        'a',
        { href: url, class: 'download-link', dataset: { file: name }, ...(html ? { target: '_blank', rel: 'noopener' } : { download: name }) },
        html ? 'Ouvrir' : 'Télécharger',
        h('span', { class: 'sr-only' }, ` ${label}, ${periodLabel(storedPeriod)}`),
      );
      fill(slot, link, h('span', { class: 'file-meta' }, ` (lien valable jusqu’à ${until})`));
      if (html) {
        link.focus();
        announce(`Lien prêt pour ${name}, valable jusqu’à ${until}.`);
      } else {
        link.click();
        announce(`Téléchargement de ${name} lancé. Le lien reste valable jusqu’à ${until}.`);
      }
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  await Promise.all([load(false), loadArchive()]);
}
