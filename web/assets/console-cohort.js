/**
 * A cohort draft: the pairs with their scores and explanations, the mentees left unassigned and
 * why. The officer collects edits (pin / unpin, forbid, remove / restore, swap two mentees'
 * mentors), "Recalculer" sends them with the version and shows the next version; "Publier" (after a
 * confirmation) sends each pair's proposal through the workflow and shows each pair's outcome.
 */
import { announce, api, facts, field, fill, formatDateTime, formatScore, fullName, h, idParam, runAction, showLoadError, table } from './console.js';

const OUTCOME = {
  proposal_started: 'Proposition envoyée au mentor',
  not_waiting: 'Pas envoyée\u00a0: la personne n’attend plus de mentor',
  not_compatible: 'Pas envoyée\u00a0: le binôme n’est plus compatible',
};

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const id = idParam();
  if (!id) return showLoadError({ status: 404, body: null });
  const answer = await api(`/admin/cohorts/${id}`);
  if (answer.status !== 200) return showLoadError(answer);

  /** Names seen in any version, so edits about people no longer in a pair still read well. */
  const names = new Map();
  /** @type {any} */
  let draft = answer.body;
  /** @type {Array<{ op: string, menteeId: string, mentorId?: string, otherMenteeId?: string }>} */
  let pending = [];
  let confirming = false;

  const learnNames = () => {
    for (const p of draft.pairs) {
      names.set(p.mentee.id, fullName(p.mentee));
      names.set(p.mentor.id, fullName(p.mentor));
    }
    for (const u of draft.unassigned) names.set(u.mentee.id, fullName(u.mentee));
  };
  const nameOf = (/** @type {string} */ personId) => names.get(personId) ?? 'Personne hors de cette version';

  /** @param {{ op: string, menteeId: string, mentorId?: string, otherMenteeId?: string }} edit */
  const describe = (edit) => {
    const pair = edit.mentorId ? `${nameOf(edit.menteeId)} avec ${nameOf(edit.mentorId)}` : nameOf(edit.menteeId);
    switch (edit.op) {
      case 'pin':
        return `Garder ${pair}`;
      case 'unpin':
        return `Libérer ${pair}`;
      case 'forbid':
        return `Ne jamais apparier ${pair}`;
      case 'allow':
        return `Autoriser de nouveau ${pair}`;
      case 'remove':
        return `Retirer ${pair} de la cohorte`;
      case 'restore':
        return `Remettre ${pair} dans la cohorte`;
      case 'swap':
        return `Échanger les mentors de ${nameOf(edit.menteeId)} et de ${nameOf(edit.otherMenteeId ?? '')}`;
      default:
        return edit.op;
    }
  };
  /** @param {{ op: string, menteeId: string, mentorId?: string, otherMenteeId?: string }} edit */
  const addEdit = (edit) => {
    pending.push(edit);
    render();
    announce(`Modification ajoutée\u00a0: ${describe(edit)}. Recalculez pour l’appliquer.`);
    document.getElementById('pending-title')?.focus();
  };

  function render() {
    learnNames();
    const published = draft.status === 'published';
    const title = document.querySelector('main h1');
    if (title) title.textContent = `Cohorte\u00a0: ${draft.partnerName}`;
    fill(
      content,
      h(
        'section',
        { 'aria-labelledby': 'summary-title', class: 'panel' },
        h('h2', { id: 'summary-title', tabindex: '-1' }, published ? 'Cohorte publiée' : `Brouillon, version ${draft.version}`),
        facts([
          ['Statut', published ? `Publiée le ${formatDateTime(draft.publishedAt)}` : 'Brouillon'],
          ['Version', String(draft.version)],
          ['Personnes examinées', String(draft.menteesConsidered)],
          ['Mentors disponibles', String(draft.mentorsConsidered)],
          ['Binômes', String(draft.matched)],
          ['Score total', formatScore(draft.totalScore)],
          ['Mis à jour le', formatDateTime(draft.updatedAt)],
        ]),
      ),
      published ? publicationSection() : null,
      pairsSection(published),
      published ? null : swapForm(),
      unassignedSection(published),
      published ? null : forbiddenSection(),
      published ? null : pendingSection(),
      published ? null : publishSection(),
      h('p', {}, h('a', { href: `cohorts.html?partnerId=${encodeURIComponent(draft.partnerId)}` }, 'Tous les brouillons de ce partenaire')),
    );
  }

  /** @param {boolean} published */
  function pairsSection(published) {
    const pinned = new Set(draft.edits.pinned.map((/** @type {any} */ p) => p.menteeId));
    return h(
      'section',
      { 'aria-labelledby': 'pairs-title' },
      h('h2', { id: 'pairs-title' }, 'Binômes proposés'),
      table({
        caption: `Binômes de la version ${draft.version}, avec leur score et leurs explications`,
        head: published ? ['Personne accompagnée', 'Mentor', 'Score', 'Gardé', 'Explications'] : ['Personne accompagnée', 'Mentor', 'Score', 'Gardé', 'Explications', 'Modifier'],
        rows: draft.pairs.map((/** @type {any} */ p) => {
          const who = `${fullName(p.mentee)} avec ${fullName(p.mentor)}`;
          const isPinned = p.pinned || pinned.has(p.mentee.id);
          const why = p.reasons.length
            ? h('details', {}, h('summary', {}, `Pourquoi (${p.reasons.length})`), h('ul', {}, p.reasons.map((/** @type {any} */ r) => h('li', {}, r.text.fr))))
            : '—';
          const cells = [fullName(p.mentee), fullName(p.mentor), formatScore(p.score), isPinned ? 'Oui' : 'Non', why];
          if (!published) {
            const button = (/** @type {string} */ text, /** @type {string} */ label, /** @type {() => void} */ onclick) =>
              h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': label, onclick }, text);
            cells.push(
              h(
                'div',
                { class: 'row-actions' },
                isPinned
                  ? button('Libérer', `Libérer ${who}`, () => addEdit({ op: 'unpin', menteeId: p.mentee.id }))
                  : button('Garder', `Garder ${who}`, () => addEdit({ op: 'pin', menteeId: p.mentee.id, mentorId: p.mentor.id })),
                button('Interdire', `Interdire ${who}`, () => addEdit({ op: 'forbid', menteeId: p.mentee.id, mentorId: p.mentor.id })),
                button('Retirer', `Retirer ${fullName(p.mentee)} de la cohorte`, () => addEdit({ op: 'remove', menteeId: p.mentee.id })),
              ),
            );
          }
          return cells;
        }),
        empty: 'Aucun binôme dans cette version.',
      }),
    );
  }

  function swapForm() {
    const options = draft.pairs.map((/** @type {any} */ p) => [p.mentee.id, `${fullName(p.mentee)} (avec ${fullName(p.mentor)})`]);
    if (options.length < 2) return null;
    const form = /** @type {HTMLFormElement} */ (
      h(
        'form',
        { novalidate: true, class: 'filters', 'aria-labelledby': 'swap-title' },
        h('h2', { id: 'swap-title', class: 'sr-only' }, 'Échanger deux mentors'),
        field({ name: 'first', label: 'Échanger le mentor de', required: true, value: options[0][0], options }),
        field({ name: 'second', label: 'avec celui de', required: true, value: options[1][0], options }),
        h('button', { type: 'submit', class: 'button button-secondary' }, 'Ajouter l’échange'),
      )
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const [first, second] = [...form.querySelectorAll('select')].map((s) => s.value);
      if (first === second) {
        announce('Choisissez deux personnes différentes pour l’échange.', 'error');
        return;
      }
      addEdit({ op: 'swap', menteeId: first, otherMenteeId: second });
    });
    return form;
  }

  /** @param {boolean} published */
  function unassignedSection(published) {
    const removed = new Set(draft.edits.removed);
    const shown = new Set(draft.unassigned.map((/** @type {any} */ u) => u.mentee.id));
    const restore = (/** @type {string} */ menteeId) =>
      h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Remettre ${nameOf(menteeId)} dans la cohorte`, onclick: () => addEdit({ op: 'restore', menteeId }) }, 'Remettre');
    const extraRemoved = [...removed].filter((id) => !shown.has(id));
    return h(
      'section',
      { 'aria-labelledby': 'unassigned-title' },
      h('h2', { id: 'unassigned-title' }, 'Personnes sans binôme'),
      table({
        caption: 'Personnes sans binôme dans cette version, et pourquoi',
        head: published ? ['Personne accompagnée', 'Pourquoi', 'Mentors compatibles'] : ['Personne accompagnée', 'Pourquoi', 'Mentors compatibles', 'Modifier'],
        rows: [
          ...draft.unassigned.map((/** @type {any} */ u) => {
            const cells = [fullName(u.mentee), removed.has(u.mentee.id) ? 'Retirée de cette cohorte' : u.text.fr, String(u.compatibleMentors)];
            if (!published) cells.push(removed.has(u.mentee.id) ? restore(u.mentee.id) : '—');
            return cells;
          }),
          ...extraRemoved.map((menteeId) => {
            const cells = [nameOf(menteeId), 'Retirée de cette cohorte', '—'];
            if (!published) cells.push(restore(menteeId));
            return cells;
          }),
        ],
        empty: 'Tout le monde a un binôme.',
      }),
    );
  }

  function forbiddenSection() {
    if (draft.edits.forbidden.length === 0) return null;
    return h(
      'section',
      { 'aria-labelledby': 'forbidden-title' },
      h('h2', { id: 'forbidden-title' }, 'Binômes interdits'),
      h(
        'ul',
        {},
        draft.edits.forbidden.map((/** @type {any} */ f) =>
          h(
            'li',
            {},
            `${nameOf(f.menteeId)} avec ${nameOf(f.mentorId)} `,
            h(
              'button',
              {
                type: 'button',
                class: 'button button-secondary button-small',
                'aria-label': `Autoriser de nouveau ${nameOf(f.menteeId)} avec ${nameOf(f.mentorId)}`,
                onclick: () => addEdit({ op: 'allow', menteeId: f.menteeId, mentorId: f.mentorId }),
              },
              'Autoriser de nouveau',
            ),
          ),
        ),
      ),
    );
  }

  function pendingSection() {
    const recalc = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-primary' }, `Recalculer (${pending.length} modification${pending.length > 1 ? 's' : ''})`));
    recalc.addEventListener('click', () => {
      if (pending.length === 0) {
        announce('Aucune modification à appliquer.', 'error');
        return;
      }
      void runAction(recalc, () => api(`/admin/cohorts/${draft.id}/revisions`, { method: 'POST', body: { version: draft.version, edits: pending } }), {
        onSuccess: (next) => {
          draft = next.body;
          pending = [];
          render();
          document.getElementById('summary-title')?.focus();
          return `Version ${draft.version} calculée\u00a0: ${draft.matched} binômes, score total ${formatScore(draft.totalScore)}.`;
        },
      }).then((result) => {
        if (isStale(result)) offerReload();
      });
    });
    return h(
      'section',
      { 'aria-labelledby': 'pending-title', class: 'panel' },
      h('h2', { id: 'pending-title', tabindex: '-1' }, 'Modifications à appliquer'),
      pending.length === 0
        ? h('p', {}, 'Aucune modification en attente. Gardez, interdisez, retirez ou échangez des binômes ci-dessus, puis recalculez.')
        : h(
            'ul',
            { class: 'pending-edits' },
            pending.map((edit, index) =>
              h(
                'li',
                {},
                `${describe(edit)} `,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'button button-secondary button-small',
                    'aria-label': `Annuler\u00a0: ${describe(edit)}`,
                    onclick: () => {
                      pending.splice(index, 1);
                      render();
                      announce(`Modification annulée\u00a0: ${describe(edit)}.`);
                      document.getElementById('pending-title')?.focus();
                    },
                  },
                  'Annuler',
                ),
              ),
            ),
          ),
      pending.length > 0 ? recalc : null,
    );
  }

  /** Another version or a publication came first: the page shows an old draft. @param {any} result */
  const isStale = (result) => result?.status === 409 && ['stale_version', 'already_published'].includes(result.body?.error?.code);

  function offerReload() {
    const status = document.getElementById('console-status');
    status?.append(h('p', {}, h('a', { href: location.pathname + location.search }, 'Recharger la dernière version')));
  }

  function publishSection() {
    const box = h('section', { 'aria-labelledby': 'publish-title', class: 'panel' }, h('h2', { id: 'publish-title', tabindex: '-1' }, 'Publier'));
    if (pending.length > 0) {
      box.append(h('p', {}, 'Recalculez d’abord\u00a0: des modifications ne sont pas encore appliquées.'));
      return box;
    }
    if (draft.matched === 0) {
      box.append(h('p', {}, 'Rien à publier\u00a0: cette version ne forme aucun binôme.'));
      return box;
    }
    if (!confirming) {
      box.append(
        h('p', {}, `Publier la version ${draft.version} envoie une proposition à chacun des ${draft.matched} mentors, par le circuit habituel. Une cohorte ne se publie qu’une fois.`),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-accent',
            onclick: () => {
              confirming = true;
              render();
              document.getElementById('confirm-publish')?.focus();
            },
          },
          'Publier…',
        ),
      );
      return box;
    }
    const confirm = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-accent', id: 'confirm-publish' }, 'Confirmer la publication'));
    confirm.addEventListener('click', () => {
      void runAction(confirm, () => api(`/admin/cohorts/${draft.id}/publication`, { method: 'POST', body: { version: draft.version } }), {
        onSuccess: (next) => {
          draft = next.body;
          confirming = false;
          render();
          document.getElementById('summary-title')?.focus();
          const started = (draft.publication ?? []).filter((/** @type {any} */ p) => p.outcome === 'proposal_started').length;
          return `Cohorte publiée\u00a0: ${started} proposition${started > 1 ? 's' : ''} envoyée${started > 1 ? 's' : ''}.`;
        },
      }).then((result) => {
        if (isStale(result)) offerReload();
      });
    });
    box.append(
      h(
        'div',
        { class: 'confirm-box', role: 'group', 'aria-labelledby': 'confirm-text' },
        h('p', { id: 'confirm-text' }, `Confirmez-vous l’envoi de ${draft.matched} propositions\u202f? Cette action ne peut pas être annulée.`),
        h(
          'div',
          { class: 'inline-actions' },
          confirm,
          h(
            'button',
            {
              type: 'button',
              class: 'button button-secondary',
              onclick: () => {
                confirming = false;
                render();
                document.getElementById('publish-title')?.focus();
              },
            },
            'Ne pas publier',
          ),
        ),
      ),
    );
    return box;
  }

  function publicationSection() {
    return h(
      'section',
      { 'aria-labelledby': 'publication-title' },
      h('h2', { id: 'publication-title' }, 'Résultat de la publication'),
      table({
        caption: 'Ce qu’il est advenu de chaque binôme',
        head: ['Personne accompagnée', 'Mentor', 'Résultat'],
        rows: (draft.publication ?? []).map((/** @type {any} */ p) => [nameOf(p.menteeId), nameOf(p.mentorId), OUTCOME[/** @type {keyof typeof OUTCOME} */ (p.outcome)] ?? p.outcome]),
        empty: 'Aucun binôme publié.',
      }),
    );
  }

  render();
}
