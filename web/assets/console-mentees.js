/** Mentees by status, the longest waiting first, with their days waiting; pages through cursors. */
import { api, codeLabel, field, fill, formatDate, formatDays, fullName, h, labelOf, linkTo, MENTEE_STATUS, pagedList, reference, table } from './console.js';

const STATUSES = ['awaiting_match', 'unmatched', 'matching_failed', 'in_tandem', 'closed'];

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const [ref, partners] = await Promise.all([reference(), api('/admin/partners')]);
  const partnerNames = new Map(partners.status === 200 ? partners.body.items.map((/** @type {any} */ p) => [p.id, p.name]) : []);
  const asked = new URLSearchParams(location.search).get('status') ?? '';
  const status = STATUSES.includes(asked) ? asked : 'awaiting_match';
  const list = h('div', { id: 'mentee-list' });
  fill(
    content,
    h(
      'form',
      { class: 'filters', method: 'get', action: 'mentees.html', 'aria-label': 'Filtrer les personnes accompagnées' },
      field({ name: 'status', label: 'Statut', required: true, value: status, options: STATUSES.map((s) => [s, labelOf(MENTEE_STATUS, s)]) }),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Afficher'),
    ),
    h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, labelOf(MENTEE_STATUS, status)), list),
  );
  await pagedList(
    list,
    (cursor) => api(`/admin/mentees?${new URLSearchParams({ status, ...(cursor ? { cursor } : {}) })}`),
    (items) =>
      table({
        caption: `Personnes accompagnées\u00a0: ${labelOf(MENTEE_STATUS, status).toLowerCase()}`,
        head: ['Personne accompagnée', 'Statut', 'Parcours', 'Secteur', 'Code postal', 'Orientée par', 'Attente', 'Inscription'],
        rows: items.map((/** @type {any} */ m) => [
          linkTo('mentee.html', m.id, fullName(m)),
          labelOf(MENTEE_STATUS, m.status),
          codeLabel(ref, 'tracks', m.track),
          m.sector ? codeLabel(ref, 'sectors', m.sector) : '—',
          m.postalCode ?? '—',
          m.partnerId ? (partnerNames.get(m.partnerId) ?? m.partnerId) : 'Inscription directe',
          formatDays(m.daysWaiting),
          formatDate(m.createdAt),
        ]),
        empty: 'Personne avec ce statut.',
      }),
  );
}
