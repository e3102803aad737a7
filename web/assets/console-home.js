/**
 * The CCI's home page, "À traiter": GET /api/admin/attention, each line linking to its page; first
 * the tandems that need help (open follow-up alerts, newest first).
 */
import { ALERT_KIND, RAISED_BY } from './console-follow-up.js';
import { api, codeLabel, fill, formatDate, formatDays, fullName, h, labelOf, linkTo, MENTEE_STATUS, reference, showLoadError, table } from './console.js';

/** @param {string} id @param {string} title @param {string} lead @param {...unknown} body */
const section = (id, title, lead, ...body) =>
  h('section', { 'aria-labelledby': id }, h('h2', { id }, title), lead ? h('p', {}, lead) : null, ...body);

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const [answer, ref] = await Promise.all([api('/admin/attention'), reference().catch(() => undefined)]);
  if (answer.status !== 200) return showLoadError(answer);
  const a = answer.body;
  const track = (/** @type {string} */ code) => codeLabel(ref, 'tracks', code);

  const since = (/** @type {string} */ iso) => {
    const days = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 86_400_000));
    return `${formatDate(iso)} (${formatDays(days)})`;
  };

  fill(
    content,
    section(
      'tandem-alerts',
      `Tandems à aider (${(a.tandemAlerts ?? []).length})`,
      'Une demande d’aide, un binôme qui ne fonctionne pas ou un tandem silencieux\u00a0: les plus récents d’abord.',
      table({
        caption: 'Tandems à aider',
        head: ['Tandem', 'Motif', 'Signalé par', 'Depuis le'],
        rows: (a.tandemAlerts ?? []).map((/** @type {any} */ alert) => [
          linkTo('tandem.html', alert.tandemId, `${fullName(alert.mentee)} et ${fullName(alert.mentor)}`),
          labelOf(ALERT_KIND, alert.kind),
          labelOf(RAISED_BY, alert.raisedBy),
          since(alert.raisedAt),
        ]),
        empty: 'Aucun tandem n’a besoin d’aide.',
      }),
    ),
    section(
      'to-validate',
      `Mentors à valider (${a.mentorsToValidate.count})`,
      'Les profils qui attendent la validation de la CCI, les plus anciens d’abord.',
      table({
        caption: 'Mentors à valider',
        head: ['Mentor', 'Entreprise', 'Parcours', 'Adresse confirmée le'],
        rows: a.mentorsToValidate.oldest.map((/** @type {any} */ m) => [linkTo('mentor.html', m.id, fullName(m)), m.company ?? '—', m.tracks.map(track).join(', '), formatDate(m.verifiedAt ?? m.createdAt)]),
        empty: 'Aucun profil à valider.',
      }),
      h('p', {}, h('a', { href: 'mentors.html?status=pending_validation' }, 'Toute la file de validation')),
    ),
    section(
      'waiting',
      'Personnes qui attendent depuis le plus longtemps',
      null,
      table({
        caption: 'Personnes qui attendent un mentor',
        head: ['Personne accompagnée', 'Statut', 'Parcours', 'Attente'],
        rows: a.menteesWaitingLongest.map((/** @type {any} */ m) => [linkTo('mentee.html', m.id, fullName(m)), labelOf(MENTEE_STATUS, m.status), track(m.track), formatDays(m.daysWaiting)]),
        empty: 'Personne n’attend.',
      }),
    ),
    section(
      'unanswered',
      'Propositions sans réponse',
      'Des mentors n’ont pas encore répondu.',
      table({
        caption: 'Propositions sans réponse',
        head: ['Personne accompagnée', 'Mentor', 'Envoyée le', 'Expire le', 'Relance', 'Attente'],
        rows: a.proposalsUnanswered.map((/** @type {any} */ p) => [
          linkTo('mentee.html', p.mentee.id, fullName(p.mentee)),
          linkTo('mentor.html', p.mentor.id, fullName(p.mentor)),
          formatDate(p.createdAt),
          formatDate(p.expiresAt),
          p.remindedAt ? `Relancé le ${formatDate(p.remindedAt)}` : 'Pas encore',
          formatDays(p.daysWaiting),
        ]),
        empty: 'Aucune proposition en attente.',
      }),
    ),
    section(
      'unmatched',
      'Sans mentor trouvé',
      'La dernière recherche n’a trouvé personne. Les raisons aident à choisir quoi faire.',
      table({
        caption: 'Personnes sans mentor trouvé, avec les raisons',
        head: ['Personne accompagnée', 'Parcours', 'Attente', 'Pourquoi'],
        rows: a.unmatched.map((/** @type {any} */ u) => [
          linkTo('mentee.html', u.mentee.id, fullName(u.mentee)),
          track(u.mentee.track),
          formatDays(u.mentee.daysWaiting),
          u.report && u.report.lines.length > 0 ? h('ul', {}, u.report.lines.map((/** @type {any} */ line) => h('li', {}, line.fr))) : 'Pas de rapport',
        ]),
        empty: 'Personne n’est sans mentor.',
      }),
    ),
    section(
      'failed',
      'Recherches en échec',
      'La recherche s’est arrêtée sur une erreur technique\u00a0: relancez-la depuis la fiche.',
      table({
        caption: 'Recherches en échec',
        head: ['Personne accompagnée', 'Parcours', 'Inscription'],
        rows: a.matchingFailed.map((/** @type {any} */ m) => [linkTo('mentee.html', m.id, fullName(m)), track(m.track), formatDate(m.createdAt)]),
        empty: 'Aucune recherche en échec.',
      }),
    ),
  );
}
