/**
 * Mentors: the validation queue (status `pending_validation`) and the list with filters (status,
 * track, sector, département, places left). The filters are an ordinary GET form, so the address
 * keeps them (codes only, never a name); the pages go through the API's cursors.
 */
import { api, codeLabel, field, fill, formatDate, fullName, h, labelOf, linkTo, MENTOR_STATUS, pagedList, reference, table } from './console.js';

const STATUSES = ['pending_validation', 'active', 'paused', 'inactive'];

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const ref = await reference();
  const params = new URLSearchParams(location.search);
  const filters = {
    status: STATUSES.includes(params.get('status') ?? '') ? /** @type {string} */ (params.get('status')) : 'active',
    track: params.get('track') ?? '',
    sector: params.get('sector') ?? '',
    departement: params.get('departement') ?? '',
    minCapacityLeft: params.get('minCapacityLeft') ?? '',
  };
  const any = /** @type {[string, string]} */ (['', 'Tous']);
  const form = h(
    'form',
    { class: 'filters', method: 'get', action: 'mentors.html', 'aria-label': 'Filtrer les mentors' },
    field({ name: 'status', label: 'Statut', required: true, value: filters.status, options: STATUSES.map((s) => [s, labelOf(MENTOR_STATUS, s)]) }),
    field({ name: 'track', label: 'Parcours', value: filters.track, options: [any, ...ref.tracks.map((/** @type {any} */ c) => [c.code, c.label.fr])] }),
    field({ name: 'sector', label: 'Secteur', value: filters.sector, options: [any, ...ref.sectors.map((/** @type {any} */ c) => [c.code, c.label.fr])] }),
    field({ name: 'departement', label: 'Département', value: filters.departement, hint: '13, 2A, 974…', attrs: { inputmode: 'text', pattern: '\\d{2}|2[ABab]|97\\d', maxlength: 3, class: 'input input-short' } }),
    field({ name: 'minCapacityLeft', label: 'Places libres', value: filters.minCapacityLeft, options: [['', 'Peu importe'], ['1', 'Au moins 1'], ['2', 'Au moins 2'], ['3', 'Au moins 3']] }),
    h('button', { type: 'submit', class: 'button button-primary' }, 'Filtrer'),
  );
  const list = h('div', { id: 'mentor-list' });
  fill(content, form, h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, filters.status === 'pending_validation' ? 'File de validation' : 'Mentors'), list));

  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== '') query.set(name, name === 'departement' ? value.toUpperCase() : value);
  await pagedList(
    list,
    (cursor) => {
      const q = new URLSearchParams(query);
      if (cursor) q.set('cursor', cursor);
      return api(`/admin/mentors?${q}`);
    },
    (items) => {
      const rows = items.map((/** @type {any} */ m) => [
        linkTo('mentor.html', m.id, fullName(m)),
        labelOf(MENTOR_STATUS, m.status),
        codeLabel(ref, 'profiles', m.profile),
        m.company ?? '—',
        m.tracks.map((/** @type {string} */ t) => codeLabel(ref, 'tracks', t)).join(', '),
        m.sectors.map((/** @type {string} */ s) => codeLabel(ref, 'sectors', s)).join(', '),
        m.postalCode,
        `${Math.max(0, m.capacity - m.activeMentees)} sur ${m.capacity}`,
        formatDate(m.createdAt),
      ]);
      return table({
        caption: filters.status === 'pending_validation' ? 'Mentors à valider' : 'Mentors correspondant aux filtres',
        head: ['Mentor', 'Statut', 'Profil', 'Entreprise', 'Parcours', 'Secteurs', 'Code postal', 'Places libres', 'Inscription'],
        rows,
        empty: filters.status === 'pending_validation' ? 'Aucun profil à valider.' : 'Aucun mentor ne correspond à ces filtres.',
      });
    },
  );
}
