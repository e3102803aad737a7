/** A tandem's page: who, since when, and the proposals of the attempt that formed it. */
import { api, codeLabel, DECLINE_REASON, facts, fill, formatDate, formatScore, fullName, h, idParam, labelOf, linkTo, PROPOSAL_STATUS, reference, showLoadError, table, TANDEM_STATUS } from './console.js';

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const id = idParam();
  if (!id) return showLoadError({ status: 404, body: null });
  const [answer, ref] = await Promise.all([api(`/admin/tandems/${id}`), reference()]);
  if (answer.status !== 200) return showLoadError(answer);
  const t = answer.body;
  const title = document.querySelector('main h1');
  if (title) title.textContent = `Tandem\u00a0: ${t.mentee.firstName} et ${t.mentor.firstName}`;
  fill(
    content,
    h(
      'section',
      { 'aria-labelledby': 'tandem-title', class: 'panel' },
      h('h2', { id: 'tandem-title' }, 'Le tandem'),
      facts([
        ['Personne accompagnée', linkTo('mentee.html', t.mentee.id, fullName(t.mentee))],
        ['Mentor', linkTo('mentor.html', t.mentor.id, fullName(t.mentor))],
        ['Statut', labelOf(TANDEM_STATUS, t.status)],
        ['Parcours', codeLabel(ref, 'tracks', t.track)],
        ['Depuis le', formatDate(t.startedAt)],
        ['Tentative', String(t.attempt)],
      ]),
    ),
    h(
      'section',
      { 'aria-labelledby': 'proposals-title' },
      h('h2', { id: 'proposals-title' }, 'Propositions de cette recherche'),
      table({
        caption: 'Propositions qui ont mené au tandem',
        head: ['Mentor', 'Statut', 'Rang', 'Score', 'Envoyée le', 'Réponse'],
        rows: t.proposals.map((/** @type {any} */ p) => [
          linkTo('mentor.html', p.mentor.id, fullName(p.mentor)),
          labelOf(PROPOSAL_STATUS, p.status),
          String(p.rank),
          formatScore(p.score),
          formatDate(p.createdAt),
          p.decidedAt ? `${formatDate(p.decidedAt)}${p.declineReason ? ` — ${labelOf(DECLINE_REASON, p.declineReason)}` : ''}` : '—',
        ]),
        empty: 'Aucune proposition enregistrée.',
      }),
    ),
  );
}
