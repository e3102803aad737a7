/** Tandems by status, the newest first; pages through cursors. */
import { api, codeLabel, field, fill, formatDate, fullName, h, labelOf, linkTo, pagedList, reference, table, TANDEM_STATUS } from './console.js';

const STATUSES = ['active', 'completed', 'ended_early'];

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const [ref, partners] = await Promise.all([reference(), api('/admin/partners')]);
  const partnerNames = new Map(partners.status === 200 ? partners.body.items.map((/** @type {any} */ p) => [p.id, p.name]) : []);
  const asked = new URLSearchParams(location.search).get('status') ?? '';
  const status = STATUSES.includes(asked) ? asked : 'active';
  const list = h('div', { id: 'tandem-list' });
  fill(
    content,
    h(
      'form',
      { class: 'filters', method: 'get', action: 'tandems.html', 'aria-label': 'Filtrer les tandems' },
      field({ name: 'status', label: 'Statut', required: true, value: status, options: STATUSES.map((s) => [s, labelOf(TANDEM_STATUS, s)]) }),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Afficher'),
    ),
    h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, `Tandems\u00a0: ${labelOf(TANDEM_STATUS, status).toLowerCase()}`), list),
  );
  await pagedList(
    list,
    (cursor) => api(`/admin/tandems?${new URLSearchParams({ status, ...(cursor ? { cursor } : {}) })}`),
    (items) =>
      table({
        caption: 'Tandems',
        head: ['Tandem', 'Personne accompagnée', 'Mentor', 'Parcours', 'Statut', 'Depuis le', 'Orienté par'],
        rows: items.map((/** @type {any} */ t) => [
          linkTo('tandem.html', t.id, `${t.mentee.firstName} et ${t.mentor.firstName}`),
          linkTo('mentee.html', t.mentee.id, fullName(t.mentee)),
          linkTo('mentor.html', t.mentor.id, fullName(t.mentor)),
          codeLabel(ref, 'tracks', t.track),
          labelOf(TANDEM_STATUS, t.status),
          formatDate(t.startedAt),
          t.partnerId ? (partnerNames.get(t.partnerId) ?? t.partnerId) : '—',
        ]),
        empty: 'Aucun tandem avec ce statut.',
      }),
  );
}
