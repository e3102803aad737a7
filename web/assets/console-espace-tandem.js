/**
 * A partner adviser's view of one of their tandems (GET /api/partner/tandems/{id}; another
 * partner's tandem answers 404): who, since when, its status, the open alerts, the outcomes at 3,
 * 6 and 12 months and the check-in summaries in date order. The shape has no private note nor the
 * CCI's closing note, and this page never renders one (the timeline is drawn without them).
 */
import { api, codeLabel, facts, fill, formatDate, fullName, h, idParam, labelOf, reference, showLoadError, table, TANDEM_STATUS } from './console.js';
import { ALERT_KIND, END_REASON, milestoneLabel, nextCheckIn, outcomeRecordText, RAISED_BY, surveyState, timeline } from './console-follow-up.js';

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const id = idParam();
  if (!id) return showLoadError({ status: 404, body: null });
  const [answer, ref] = await Promise.all([api(`/partner/tandems/${id}`), reference()]);
  if (answer.status === 403) return showLoadError(answer);
  if (answer.status === 404) {
    return fill(content, h('div', { class: 'card' }, h('p', { role: 'alert' }, 'Ce tandem n’existe pas ou ne concerne pas votre structure.'), h('p', {}, h('a', { href: 'espace.html' }, 'Retour à l’espace partenaire'))));
  }
  if (answer.status !== 200) return showLoadError(answer);
  const t = answer.body;
  const title = document.querySelector('main h1');
  if (title) title.textContent = `Tandem\u00a0: ${t.mentee.firstName} et ${t.mentor.firstName}`;
  document.title = `Tandem de ${t.mentee.firstName} — Console Tandem`;
  const openAlerts = (t.alerts ?? []).filter((/** @type {any} */ a) => a.status === 'open');
  // The partner's shape: whatever an answer might carry, the timeline leaves private notes out.
  const shown = { ...t, endNote: undefined, proposals: undefined };

  fill(
    content,
    h('p', {}, h('a', { href: 'espace.html' }, 'Retour à l’espace partenaire')),
    h(
      'section',
      { 'aria-labelledby': 'tandem-title', class: 'panel' },
      h('h2', { id: 'tandem-title' }, 'Le tandem'),
      facts([
        ['Personne accompagnée', fullName(t.mentee)],
        ['Mentor', fullName(t.mentor)],
        ['Statut', h('span', { class: t.status === 'active' ? 'badge' : 'badge badge-warning' }, labelOf(TANDEM_STATUS, t.status))],
        ['Parcours', codeLabel(ref, 'tracks', t.track)],
        ['Depuis le', formatDate(t.startedAt)],
        ...(/** @type {Array<[string, unknown]>} */ (t.endedAt ? [['Clos le', formatDate(t.endedAt)]] : [])),
        ...(/** @type {Array<[string, unknown]>} */ (t.endReason ? [['Raison', labelOf(END_REASON, t.endReason)]] : [])),
      ]),
    ),
    h(
      'section',
      { 'aria-labelledby': 'alerts-title' },
      h('h2', { id: 'alerts-title' }, `Alertes en cours (${openAlerts.length})`),
      h('p', {}, 'La CCI est prévenue de chaque alerte et s’en occupe.'),
      table({
        caption: 'Alertes en cours',
        head: ['Motif', 'Signalée par', 'Depuis le'],
        rows: openAlerts.map((/** @type {any} */ a) => [labelOf(ALERT_KIND, a.kind), labelOf(RAISED_BY, a.raisedBy), formatDate(a.raisedAt)]),
        empty: 'Aucune alerte en cours.',
      }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'outcomes-title' },
      h('h2', { id: 'outcomes-title' }, 'Résultats à 3, 6 et 12\u00a0mois'),
      table({
        caption: 'Résultats du tandem',
        head: ['Échéance', 'Question', 'Résultat retenu', 'Réponses'],
        rows: [...(t.outcomes ?? [])]
          .sort((a, b) => a.milestone - b.milestone)
          .map((/** @type {any} */ s) => [
            milestoneLabel(s.milestone),
            surveyState(s),
            s.current ? outcomeRecordText(s.current) : 'Pas encore de réponse',
            s.records.length > 0 ? h('ul', {}, s.records.map((/** @type {any} */ r) => h('li', {}, outcomeRecordText(r)))) : 'Aucune',
          ]),
        empty: 'Aucun résultat prévu pour ce tandem.',
      }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, 'Chronologie du suivi'),
      h('p', {}, 'Les réponses du mentor et de la personne accompagnée aux points d’étape, du plus ancien au plus récent.'),
      timeline(shown, { withPrivateNote: false }),
      nextCheckIn(t),
    ),
  );
}
