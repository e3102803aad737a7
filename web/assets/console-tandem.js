/**
 * A tandem's page: who, since when, its status; what needs the CCI (open alerts, « Marquer comme
 * traitée »); the outcomes at 3, 6 and 12 months (« Enregistrer / corriger un résultat », PUT
 * …/outcomes/{milestone}); closing an active tandem (POST …/close, after a confirmation); the
 * chronology of its whole follow-up, private notes included (the CCI's page only); and the
 * proposals of the attempt that formed it.
 */
import {
  announce,
  api,
  clearFieldErrors,
  codeLabel,
  DECLINE_REASON,
  facts,
  field,
  fill,
  formatDate,
  formatScore,
  fullName,
  h,
  idParam,
  labelOf,
  linkTo,
  PROPOSAL_STATUS,
  reference,
  runAction,
  showFieldErrors,
  showLoadError,
  table,
  TANDEM_STATUS,
  valueOf,
  choiceGroup,
} from './console.js';
import {
  ALERT_KIND,
  CHOSEN_END_REASONS,
  END_REASON,
  milestoneLabel,
  nextCheckIn,
  outcomeFields,
  outcomeRecordText,
  outcomeText,
  RAISED_BY,
  surveyState,
  timeline,
} from './console-follow-up.js';

export async function init() {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  const id = idParam();
  if (!id) return showLoadError({ status: 404, body: null });
  const [answer, ref] = await Promise.all([api(`/admin/tandems/${id}`), reference()]);
  if (answer.status !== 200) return showLoadError(answer);
  render(content, answer.body, ref);
}

/** @param {string} status */
const statusBadge = (status) => h('span', { class: status === 'active' ? 'badge' : status === 'ended_early' ? 'badge badge-warning' : 'badge badge-done' }, labelOf(TANDEM_STATUS, status));

/** @param {HTMLElement} content @param {any} t @param {any} ref */
function render(content, t, ref) {
  const title = document.querySelector('main h1');
  if (title) title.textContent = `Tandem\u00a0: ${t.mentee.firstName} et ${t.mentor.firstName}`;
  /** Reads the tandem again and draws the page; then focuses `focusId` if given. @param {string} [focusId] */
  const reload = async (focusId) => {
    const again = await api(`/admin/tandems/${t.id}`);
    if (again.status !== 200) return showLoadError(again);
    render(content, again.body, ref);
    if (focusId) document.getElementById(focusId)?.focus();
  };
  const closed = t.status !== 'active';

  fill(
    content,
    h(
      'section',
      { 'aria-labelledby': 'tandem-title', class: 'panel' },
      h('h2', { id: 'tandem-title', tabindex: '-1' }, 'Le tandem'),
      facts([
        ['Personne accompagnée', linkTo('mentee.html', t.mentee.id, fullName(t.mentee))],
        ['Mentor', linkTo('mentor.html', t.mentor.id, fullName(t.mentor))],
        ['Statut', statusBadge(t.status)],
        ['Parcours', codeLabel(ref, 'tracks', t.track)],
        ['Depuis le', formatDate(t.startedAt)],
        ...(/** @type {Array<[string, unknown]>} */ (
          closed
            ? [
                ['Clos le', formatDate(t.endedAt)],
                ...(t.status === 'ended_early' ? [['Raison', labelOf(END_REASON, t.endReason)]] : []),
                ...(t.outcome ? [['Résultat à la clôture', outcomeText(t.outcome)]] : []),
                ...(t.endNote ? [['Note de clôture (CCI)', t.endNote]] : []),
              ]
            : []
        )),
        ['Dernière réponse', t.lastAnswerAt ? formatDate(t.lastAnswerAt) : 'Aucune pour l’instant'],
        ['Tentative', String(t.attempt)],
      ]),
    ),
    alertsSection(t, reload),
    closed ? null : closeSection(t, reload),
    outcomesSection(t, reload),
    h(
      'section',
      { 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title', tabindex: '-1' }, 'Chronologie'),
      h('p', {}, 'Tout ce qui s’est passé, du plus ancien au plus récent. Les notes confidentielles ne sont visibles que par la CCI.'),
      timeline(t, { withPrivateNote: true }),
      nextCheckIn(t),
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

/** Open alerts, each with « Marquer comme traitée ». @param {any} t @param {(focusId?: string) => Promise<unknown>} reload */
function alertsSection(t, reload) {
  const open = (t.alerts ?? []).filter((/** @type {any} */ a) => a.status === 'open');
  return h(
    'section',
    { 'aria-labelledby': 'alerts-title' },
    h('h2', { id: 'alerts-title', tabindex: '-1' }, `Alertes en cours (${open.length})`),
    table({
      caption: 'Alertes à traiter',
      head: ['Motif', 'Signalée par', 'Depuis le', 'Action'],
      rows: open.map((/** @type {any} */ a) => {
        const kind = labelOf(ALERT_KIND, a.kind);
        const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Marquer comme traitée\u00a0: ${kind}` }, 'Marquer comme traitée'));
        button.addEventListener('click', () =>
          void runAction(button, () => api(`/admin/tandems/${t.id}/alerts/${a.kind}/resolve`, { method: 'POST' }), {
            ok: [200, 204],
            onSuccess: async () => {
              await reload('alerts-title');
              return `Alerte marquée comme traitée\u00a0: ${kind}.`;
            },
          }),
        );
        return [kind, labelOf(RAISED_BY, a.raisedBy), formatDate(a.raisedAt), button];
      }),
      empty: 'Aucune alerte en cours.',
    }),
  );
}

/**
 * Outcomes at 3, 6 and 12 months: what counts now, every record with its source, and a form per
 * milestone to record or correct it as the CCI.
 * @param {any} t @param {(focusId?: string) => Promise<unknown>} reload
 */
function outcomesSection(t, reload) {
  const section = h(
    'section',
    { 'aria-labelledby': 'outcomes-title' },
    h('h2', { id: 'outcomes-title', tabindex: '-1' }, 'Résultats à 3, 6 et 12\u00a0mois'),
    h('p', {}, 'Le résultat retenu est la dernière correction de la CCI, sinon la dernière réponse reçue.'),
  );
  const surveys = [...(t.outcomes ?? [])].sort((a, b) => a.milestone - b.milestone);
  if (surveys.length === 0) section.append(h('p', { class: 'empty' }, 'Aucun résultat prévu pour ce tandem.'));
  for (const survey of surveys) {
    const headingId = `outcome-${survey.milestone}-title`;
    const formBox = h('div', {});
    const open = /** @type {HTMLButtonElement} */ (
      h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-expanded': 'false', 'aria-label': `Enregistrer / corriger un résultat\u00a0: ${milestoneLabel(survey.milestone).toLowerCase()}` }, 'Enregistrer / corriger un résultat')
    );
    open.addEventListener('click', () => {
      if (open.getAttribute('aria-expanded') === 'true') return;
      open.setAttribute('aria-expanded', 'true');
      const close = () => {
        fill(formBox);
        open.setAttribute('aria-expanded', 'false');
        open.focus();
      };
      fill(formBox, outcomeForm(t, survey, close, reload));
      /** @type {HTMLElement | null} */ (formBox.querySelector('input, select'))?.focus();
    });
    section.append(
      h(
        'div',
        { class: 'panel outcome-panel' },
        h('h3', { id: headingId, tabindex: '-1' }, milestoneLabel(survey.milestone)),
        facts([
          ['Question', surveyState(survey)],
          ['Résultat retenu', survey.current ? outcomeRecordText(survey.current) : 'Pas encore de réponse'],
          ['Réponses', survey.records.length > 0 ? h('ul', {}, survey.records.map((/** @type {any} */ r) => h('li', {}, outcomeRecordText(r)))) : 'Aucune'],
        ]),
        open,
        formBox,
      ),
    );
  }
  return section;
}

/** @param {any} t @param {any} survey @param {() => void} close @param {(focusId?: string) => Promise<unknown>} reload */
function outcomeForm(t, survey, close, reload) {
  const prefix = `m${survey.milestone}-`;
  const fields = outcomeFields(t.track, prefix, survey.current?.value);
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { novalidate: true, class: 'inline-form', 'aria-label': `${milestoneLabel(survey.milestone)}\u00a0: enregistrer ou corriger` },
      fields.element,
      h(
        'div',
        { class: 'row-actions' },
        h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer le résultat'),
        h('button', { type: 'button', class: 'button button-secondary', onclick: close }, 'Annuler'),
      ),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { value, errors } = fields.read(form);
    if (!value) {
      showFieldErrors(form, errors);
      announce('Le résultat n’est pas complet\u00a0: voyez le champ indiqué.', 'error');
      return;
    }
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    void runAction(button, () => api(`/admin/tandems/${t.id}/outcomes/${survey.milestone}`, { method: 'PUT', body: value }), {
      form,
      ok: [200, 201, 204],
      onSuccess: async () => {
        await reload(`outcome-${survey.milestone}-title`);
        return `${milestoneLabel(survey.milestone)} enregistré\u00a0: ${outcomeText(value)}.`;
      },
    });
  });
  return form;
}

/**
 * « Clore le tandem »: completed with its outcome, or ended early with a reason; an optional note;
 * then a confirmation. A 409 (already closed meanwhile) says so and shows the tandem as it is.
 * @param {any} t @param {(focusId?: string) => Promise<unknown>} reload
 */
function closeSection(t, reload) {
  const fields = outcomeFields(t.track, 'close-');
  const outcomeBox = h('div', { class: 'close-branch' }, h('h3', {}, 'Résultat du tandem'), fields.element);
  const reasonBox = h(
    'div',
    { class: 'close-branch' },
    choiceGroup({ name: 'reason', legend: 'Raison de l’arrêt', type: 'radio', required: true, options: CHOSEN_END_REASONS.map((code) => [code, labelOf(END_REASON, code)]) }),
  );
  const confirmBox = h('div', {});
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { novalidate: true, class: 'panel', 'aria-labelledby': 'close-title' },
      h('h2', { id: 'close-title', tabindex: '-1' }, 'Clore le tandem'),
      h('p', {}, 'La place du mentor est libérée et chacun reçoit un courriel. Un tandem clos ne peut pas être rouvert.'),
      choiceGroup({
        name: 'status',
        legend: 'Comment se termine-t-il\u202f?',
        type: 'radio',
        required: true,
        columns: false,
        options: [
          ['completed', 'Terminé'],
          ['ended_early', 'Arrêté avant la fin'],
        ],
      }),
      outcomeBox,
      reasonBox,
      field({ name: 'note', label: 'Note de clôture', textarea: true, hint: 'Pour la CCI seulement, jamais montrée au partenaire. 1000 caractères au plus.', attrs: { maxlength: 1000 } }),
      h('button', { type: 'submit', class: 'button button-danger', id: 'close-submit' }, 'Clore le tandem…'),
      confirmBox,
    )
  );
  const chosen = () => /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="status"]:checked'))?.value;
  const sync = () => {
    outcomeBox.hidden = chosen() !== 'completed';
    reasonBox.hidden = chosen() !== 'ended_early';
    fill(confirmBox);
  };
  form.addEventListener('change', (event) => {
    if (/** @type {HTMLInputElement} */ (event.target).name === 'status') sync();
  });
  sync();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const status = chosen();
    const note = valueOf(form, 'note') || undefined;
    /** @type {any} */
    let body;
    /** @type {Record<string, string>} */
    let errors = {};
    if (!status) errors.status = 'Choisissez comment le tandem se termine.';
    else if (status === 'completed') {
      const read = fields.read(form);
      errors = read.errors;
      body = read.value ? { status, outcome: read.value, note } : undefined;
    } else {
      const reason = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="reason"]:checked'))?.value;
      if (!reason) errors.reason = 'Choisissez la raison de l’arrêt.';
      else body = { status, reason, note };
    }
    if (!body) {
      showFieldErrors(form, errors);
      announce('Le formulaire n’est pas complet\u00a0: chaque erreur est indiquée près de son champ.', 'error');
      return;
    }
    const summary =
      status === 'completed'
        ? `Clore le tandem comme terminé, avec le résultat «\u00a0${outcomeText(body.outcome)}\u00a0»\u202f?`
        : `Clore le tandem comme arrêté avant la fin («\u00a0${labelOf(END_REASON, body.reason)}\u00a0»)\u202f?`;
    const confirm = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-danger', id: 'confirm-close' }, 'Confirmer la clôture'));
    const cancel = h('button', {
      type: 'button',
      class: 'button button-secondary',
      onclick: () => {
        fill(confirmBox);
        document.getElementById('close-submit')?.focus();
      },
    }, 'Annuler');
    confirm.addEventListener('click', () => {
      void runAction(confirm, () => api(`/admin/tandems/${t.id}/close`, { method: 'POST', body }), {
        form,
        onSuccess: async (answer) => {
          await reload('tandem-title');
          return answer.body?.rematch
            ? 'Tandem clos. Une nouvelle recherche de mentor commence pour la personne accompagnée.'
            : 'Tandem clos. Le mentor et la personne accompagnée sont prévenus par courriel.';
        },
      }).then(async (answer) => {
        if (answer?.status === 409) {
          await reload();
          announce('Ce tandem ne peut plus être clos\u00a0: il l’a déjà été entre-temps. La page montre son état actuel.', 'error');
        }
      });
    });
    fill(confirmBox, h('div', { class: 'confirm-box', role: 'group', 'aria-labelledby': 'confirm-close-text' }, h('p', { id: 'confirm-close-text' }, summary, ' Cette action ne peut pas être annulée.'), h('div', { class: 'row-actions' }, confirm, cancel)));
    confirm.focus();
  });
  return form;
}
