/**
 * A mentee's page: the profile, the proposals so far, the last "no mentor found" report, and the
 * ranking as it stands now — why these mentors, and for some of those left out, why not. The CCI
 * can start the search again ("Relancer la recherche") or propose a ranked mentor first
 * ("Proposer ce mentor"), both through POST /api/admin/mentees/{id}/matching. Then the personal
 * data (consent, retention notice, export, erasure); an erased person's page offers no action.
 */
import {
  api,
  codeLabel,
  codeLabels,
  DECLINE_REASON,
  facts,
  fill,
  formatDate,
  formatDateTime,
  formatDays,
  formatScore,
  fullName,
  h,
  idParam,
  labelOf,
  linkTo,
  MENTEE_STATUS,
  PROPOSAL_STATUS,
  reference,
  runAction,
  showLoadError,
  table,
} from './console.js';
import { personalDataSection } from './console-follow-up.js';

/** Statuses from which a new search may start (the API says 409 otherwise, in words). */
const CAN_MATCH = new Set(['awaiting_match', 'unmatched', 'matching_failed']);

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const id = idParam();
  if (!id) return showLoadError({ status: 404, body: null });
  const [answer, ref] = await Promise.all([api(`/admin/mentees/${id}`), reference()]);
  if (answer.status !== 200) return showLoadError(answer);
  render(content, answer.body, ref);
}

/** @param {HTMLElement} content @param {any} detail @param {any} ref */
function render(content, detail, ref) {
  const { mentee, partner, proposals, lastUnmatchedReport: report, ranking } = detail;
  const erased = Boolean(mentee.erasedAt) || mentee.status === 'erased';
  const name = erased || fullName(mentee).trim() === '' ? 'personne effacée' : fullName(mentee);
  const title = document.querySelector('main h1');
  if (title) title.textContent = `Personne accompagnée\u00a0: ${name}`;
  document.title = `Personne accompagnée\u00a0: ${name} — Console Tandem`;
  const canMatch = !erased && CAN_MATCH.has(mentee.status);
  const reload = async () => {
    const again = await api(`/admin/mentees/${mentee.id}`);
    if (again.status === 200) render(content, again.body, ref);
  };
  /** @param {HTMLButtonElement} button @param {string | undefined} mentorId @param {string} done */
  const startMatching = (button, mentorId, done) =>
    runAction(button, () => api(`/admin/mentees/${mentee.id}/matching`, { method: 'POST', body: mentorId ? { mentorId } : {} }), {
      onSuccess: async (answer) => {
        await reload();
        document.getElementById('actions-title')?.focus();
        return `${done} (tentative ${answer.body.attempt}).`;
      },
    });

  const restart = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-primary' }, 'Relancer la recherche'));
  restart.addEventListener('click', () => void startMatching(restart, undefined, 'Recherche relancée\u00a0: les propositions en attente sont retirées, le classement décide'));

  fill(
    content,
    h(
      'section',
      { 'aria-labelledby': 'profile-title', class: 'panel' },
      h('h2', { id: 'profile-title' }, 'Profil'),
      facts([
        ['Statut', h('span', { class: 'badge' }, labelOf(MENTEE_STATUS, mentee.status))],
        ['Attente', formatDays(mentee.daysWaiting)],
        ['E‑mail', mentee.email ? h('a', { href: `mailto:${mentee.email}` }, mentee.email) : '—'],
        ['Téléphone', mentee.phone ?? '—'],
        ['Parcours', codeLabel(ref, 'tracks', mentee.track)],
        ['Secteur', mentee.sector ? codeLabel(ref, 'sectors', mentee.sector) : '—'],
        ['Besoins', codeLabels(ref, 'expertise', mentee.needs)],
        ['Langues', codeLabels(ref, 'languages', mentee.languages)],
        ['Rencontres', codeLabels(ref, 'meetingModes', mentee.meetingModes)],
        ['Code postal', mentee.postalCode ?? '—'],
        ['Orientée par', partner ? partner.name : 'Inscription directe'],
        ['Projet', mentee.project ?? '—'],
        ['Organisations en conflit', mentee.conflictingOrganisations?.length ? mentee.conflictingOrganisations.join(', ') : 'Aucune'],
        ['Inscription', formatDateTime(mentee.createdAt)],
        ['Adresse confirmée', formatDateTime(mentee.verifiedAt)],
        ['Tentative de recherche', mentee.matchingAttempt ? String(mentee.matchingAttempt) : '—'],
        ['Tandem', mentee.tandemId ? linkTo('tandem.html', mentee.tandemId, 'Voir le tandem') : '—'],
      ]),
    ),
    h(
      'section',
      { 'aria-labelledby': 'actions-title', class: 'panel' },
      h('h2', { id: 'actions-title', tabindex: '-1' }, 'Recherche d’un mentor'),
      canMatch
        ? [h('p', {}, 'Une nouvelle recherche retire les propositions en attente et repart du classement actuel.'), restart]
        : h('p', {}, 'Pas de recherche possible pour ce statut.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'proposals-title' },
      h('h2', { id: 'proposals-title' }, 'Propositions'),
      table({
        caption: 'Propositions faites aux mentors',
        head: ['Mentor', 'Statut', 'Tentative', 'Rang', 'Score', 'Envoyée le', 'Expire le', 'Réponse'],
        rows: proposals.map((/** @type {any} */ p) => [
          linkTo('mentor.html', p.mentor.id, fullName(p.mentor)),
          labelOf(PROPOSAL_STATUS, p.status),
          String(p.attempt),
          String(p.rank),
          formatScore(p.score),
          formatDate(p.createdAt),
          formatDate(p.expiresAt),
          p.decidedAt ? `${formatDate(p.decidedAt)}${p.declineReason ? ` — ${labelOf(DECLINE_REASON, p.declineReason)}` : ''}` : p.remindedAt ? `Relancé le ${formatDate(p.remindedAt)}` : '—',
        ]),
        empty: 'Aucune proposition pour l’instant.',
      }),
    ),
    report
      ? h(
          'section',
          { 'aria-labelledby': 'report-title' },
          h('h2', { id: 'report-title' }, 'Dernière recherche sans résultat'),
          h('p', {}, `Le ${formatDate(report.at)}\u00a0: ${report.considered} mentors examinés, ${report.compatible} compatibles, ${report.proposed} sollicités.`),
          h('ul', {}, report.lines.map((/** @type {any} */ line) => h('li', {}, line.fr))),
        )
      : null,
    erased ? null : rankingSection(ranking, canMatch, startMatching),
    personalDataSection({ role: 'mentee', person: mentee, reload }),
  );
}

/**
 * @param {any} ranking @param {boolean} canPropose
 * @param {(button: HTMLButtonElement, mentorId: string, done: string) => unknown} startMatching
 */
function rankingSection(ranking, canPropose, startMatching) {
  const section = h('section', { 'aria-labelledby': 'ranking-title' }, h('h2', { id: 'ranking-title' }, 'Classement actuel\u00a0: pourquoi ces mentors'));
  if (!ranking) {
    section.append(h('p', { class: 'empty' }, 'Pas de classement\u00a0: la personne n’attend plus de mentor.'));
    return section;
  }
  section.append(
    h('p', {}, `${ranking.considered} mentors examinés, ${ranking.compatible} compatibles. Les mieux placés d’abord, avec ce qui les rapproche.`),
    table({
      caption: 'Mentors compatibles, les mieux placés d’abord',
      head: ['Mentor', 'Rang', 'Score', 'Pourquoi', 'Action'],
      rows: ranking.candidates.map((/** @type {any} */ c, /** @type {number} */ i) => {
        const propose = /** @type {HTMLButtonElement} */ (
          h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Proposer ce mentor\u00a0: ${fullName(c.mentor)}` }, 'Proposer ce mentor')
        );
        propose.addEventListener('click', () => void startMatching(propose, c.mentor.id, `Proposition envoyée à ${fullName(c.mentor)}`));
        return [
          linkTo('mentor.html', c.mentor.id, fullName(c.mentor)),
          String(i + 1),
          formatScore(c.score),
          c.reasons.length > 0 ? h('ul', {}, c.reasons.map((/** @type {any} */ r) => h('li', {}, r.text.fr))) : '—',
          canPropose ? propose : '—',
        ];
      }),
      empty: 'Aucun mentor compatible pour l’instant.',
    }),
  );
  const excludedCounts = Object.entries(ranking.excluded ?? {}).filter(([, n]) => Number(n) > 0);
  const ruleText = new Map(ranking.excludedMentors.map((/** @type {any} */ e) => [e.code, e.text.fr]));
  section.append(
    h('h3', {}, 'Mentors écartés\u00a0: pourquoi pas eux'),
    excludedCounts.length > 0 ? h('p', {}, `Écartés par règle\u00a0: ${excludedCounts.map(([code, n]) => `${ruleText.get(code) ?? code} (${n})`).join('\u202f; ')}.`) : null,
    table({
      caption: 'Quelques mentors écartés, avec la règle qui les écarte',
      head: ['Mentor', 'Pourquoi pas'],
      rows: ranking.excludedMentors.map((/** @type {any} */ e) => [linkTo('mentor.html', e.mentor.id, fullName(e.mentor)), e.text.fr]),
      empty: 'Aucun mentor écarté à montrer.',
    }),
  );
  return section;
}
