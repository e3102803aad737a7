/**
 * Cohort matching, first step: choose a partner and build a draft (POST /api/admin/cohorts: its
 * waiting mentees against the available mentors), then open it. Below, the drafts so far, which
 * can be narrowed to one partner.
 */
import { announce, api, field, fill, formatDateTime, h, linkTo, runAction, showFieldErrors, showLoadError, table } from './console.js';

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const partners = await api('/admin/partners?status=active');
  if (partners.status !== 200) return showLoadError(partners);
  const options = partners.body.items.map((/** @type {any} */ p) => [p.id, p.name]);
  const asked = new URLSearchParams(location.search).get('partnerId') ?? '';
  const chosen = options.some((/** @type {string[]} */ [id]) => id === asked) ? asked : '';

  const create = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { novalidate: true, class: 'panel', 'aria-labelledby': 'create-title' },
      h('h2', { id: 'create-title' }, 'Préparer un appariement'),
      h('p', {}, 'Les personnes orientées par ce partenaire qui attendent un mentor sont appariées avec les mentors disponibles. Rien n’est envoyé avant la publication.'),
      field({ name: 'partnerId', label: 'Partenaire', required: true, value: chosen, options: [['', 'Choisissez un partenaire'], ...options] }),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Préparer le brouillon'),
    )
  );
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const partnerId = /** @type {HTMLSelectElement} */ (create.querySelector('select')).value;
    const button = /** @type {HTMLButtonElement} */ (create.querySelector('button[type="submit"]'));
    if (partnerId === '') {
      showFieldErrors(create, { partnerId: 'Choisissez un partenaire.' });
      announce('Choisissez un partenaire.', 'error');
      return;
    }
    void runAction(button, () => api('/admin/cohorts', { method: 'POST', body: { partnerId } }), {
      form: create,
      onSuccess: (answer) => {
        location.assign(`cohort.html?id=${encodeURIComponent(answer.body.id)}`);
        return 'Brouillon préparé, ouverture…';
      },
    });
  });

  const filter = h(
    'form',
    { class: 'filters', method: 'get', action: 'cohorts.html', 'aria-label': 'Filtrer les brouillons' },
    field({ name: 'partnerId', label: 'Brouillons du partenaire', value: chosen, options: [['', 'Tous les partenaires'], ...options] }),
    h('button', { type: 'submit', class: 'button button-secondary' }, 'Afficher'),
  );
  const list = h('div', {});
  fill(content, create, h('section', { 'aria-labelledby': 'drafts-title' }, h('h2', { id: 'drafts-title' }, 'Brouillons et cohortes publiées'), filter, list));

  const drafts = await api(`/admin/cohorts${chosen ? `?partnerId=${encodeURIComponent(chosen)}` : ''}`);
  if (drafts.status !== 200) return showLoadError(drafts);
  fill(
    list,
    table({
      caption: 'Brouillons, les plus récents d’abord',
      head: ['Partenaire', 'Statut', 'Version', 'Binômes', 'Mis à jour le', 'Ouvrir'],
      rows: drafts.body.items.map((/** @type {any} */ d) => [
        d.partnerName,
        d.status === 'published' ? 'Publiée' : 'Brouillon',
        String(d.version),
        String(d.matched),
        formatDateTime(d.updatedAt),
        linkTo('cohort.html', d.id, `${d.status === 'published' ? 'Voir la cohorte' : 'Ouvrir le brouillon'} (version ${d.version})`),
      ]),
      empty: 'Aucun brouillon pour l’instant.',
    }),
  );
}
