/**
 * The follow-up as the console shows it (docs/follow-up.md), shared by the CCI's tandem page and
 * the partner's: labels in French, outcomes in words, check-in answers as facts, and the outcome
 * fields of the "close" and "record an outcome" forms; and the « Données personnelles » block of
 * the mentor's and mentee's pages (consent, export, erasure). A helper module (no page of that name).
 *
 * `privateNote` is rendered only when the caller asks for it (the CCI's page): the partner's page
 * never shows one, even if an answer carried it.
 */
/* global Blob */
import { api, choiceGroup, field, fill, formatDate, h, runAction, valueOf } from './console.js';

export const ALERT_KIND = {
  help_requested: 'Demande d’aide',
  not_a_good_fit: 'Le binôme ne fonctionne pas',
  silent: 'Silencieux depuis deux mois',
};
export const RAISED_BY = { mentor: 'le mentor', mentee: 'la personne accompagnée', system: 'le suivi automatique' };
export const CHECK_IN_ROLE = { mentor: 'du mentor', mentee: 'de la personne accompagnée' };
export const OUTCOME_SOURCE = { mentee: 'la personne', partner: 'le partenaire', cci: 'la CCI' };
export const FIT = { good: 'Le binôme fonctionne', too_early: 'Trop tôt pour le dire', not_a_good_fit: 'Le binôme ne fonctionne pas' };
export const END_REASON = {
  no_contact: 'Pas de contact',
  not_a_good_fit: 'Le binôme ne fonctionne pas (un nouveau mentor sera cherché)',
  mentee_found_job: 'La personne a trouvé un emploi',
  mentee_stopped: 'La personne arrête',
  mentor_unavailable: 'Mentor indisponible (un nouveau mentor sera cherché)',
  other: 'Autre raison',
  person_erased: 'Données d’une personne effacées',
};
/** The reasons the CCI may choose (CHOSEN_END_REASONS), in the contract's order. */
export const CHOSEN_END_REASONS = ['no_contact', 'not_a_good_fit', 'mentee_found_job', 'mentee_stopped', 'mentor_unavailable', 'other'];
export const JOB_OUTCOME = {
  permanent_contract: 'CDI',
  fixed_term_6m_plus: 'CDD de 6 mois ou plus',
  work_study: 'Alternance',
  training: 'Formation qualifiante de plus de 6 mois',
  none: 'Pas encore',
};
export const BUSINESS_OUTCOME = { company_created: 'Entreprise créée', none: 'Pas encore' };

/** Where an outcome survey stands: « Posée le … », « Prévue le … », « Annulée ». @param {any} survey */
export const surveyState = (survey) =>
  survey.status === 'cancelled' ? 'Annulée' : survey.sentAt ? `Posée le ${formatDate(survey.sentAt)}` : `Prévue le ${formatDate(survey.dueAt)}`;
/** @param {number} milestone */
export const milestoneLabel = (milestone) => `Résultat à ${milestone}\u00a0mois`;
/** @param {{ seq: number, kind: string }} round */
export const roundLabel = (round) => (round.kind === 'first' ? 'Premier point d’étape' : `Point d’étape n°\u00a0${round.seq}`);

/** An outcome in words: « CDI », « Entreprise créée le 2 mars 2027, SIREN 123456789, toujours en activité ». @param {any} value */
export function outcomeText(value) {
  if (!value) return '—';
  if (value.track === 'job_search') return JOB_OUTCOME[/** @type {keyof typeof JOB_OUTCOME} */ (value.situation)] ?? value.situation;
  if (value.situation !== 'company_created') return 'Pas encore d’entreprise créée';
  const parts = [value.companyCreatedOn ? `Entreprise créée le ${formatDate(`${value.companyCreatedOn}T12:00:00Z`)}` : 'Entreprise créée'];
  if (value.siren) parts.push(`SIREN ${value.siren}`);
  if (value.stillActive === true) parts.push('toujours en activité');
  if (value.stillActive === false) parts.push('plus en activité');
  return parts.join(', ');
}

/** A record with its source: « CDI (source : la personne, le 3 juin 2027) ». @param {any} record */
export const outcomeRecordText = (record) =>
  `${outcomeText(record.value)} (source\u00a0: ${OUTCOME_SOURCE[/** @type {keyof typeof OUTCOME_SOURCE} */ (record.source)] ?? record.source}, le ${formatDate(record.recordedAt)})`;

const yesNo = (/** @type {boolean | undefined} */ v) => (v === undefined ? '—' : v ? 'Oui' : 'Non');

/**
 * One check-in answer as a list of facts. `withPrivateNote` only on the CCI's page.
 * @param {any} answer @param {{ withPrivateNote: boolean }} options
 */
export function answerFacts(answer, { withPrivateNote }) {
  /** @type {Array<[string, string]>} */
  const pairs = [];
  if (answer.kind === 'first') {
    pairs.push(['Première rencontre', answer.firstMeetingHeld === undefined ? '—' : answer.firstMeetingHeld ? 'A eu lieu' : 'Pas encore']);
    pairs.push(['Le binôme', answer.fit ? (FIT[/** @type {keyof typeof FIT} */ (answer.fit)] ?? answer.fit) : '—']);
  } else {
    pairs.push(['Rencontres depuis le dernier point', answer.meetingsSince === undefined ? '—' : String(answer.meetingsSince)]);
    pairs.push(['Satisfaction', answer.satisfaction === undefined ? '—' : `${answer.satisfaction}/5`]);
    pairs.push(['Progrès', answer.progress ?? '—']);
  }
  pairs.push(['Demande d’aide à la CCI', yesNo(answer.needsHelp)]);
  if (withPrivateNote && answer.privateNote) pairs.push(['Note confidentielle pour la CCI', answer.privateNote]);
  return h(
    'dl',
    { class: 'facts answer-facts' },
    pairs.map(([label, value]) => h('div', { class: label === 'Note confidentielle pour la CCI' ? 'private-note' : undefined }, h('dt', {}, label), h('dd', {}, value))),
  );
}

/**
 * The outcome fields of a form, for the tandem's track: job search (one situation), business
 * creation (created with its date, SIREN and whether it still trades, or not yet). `read` returns
 * the outcome value, or the errors to show next to the fields.
 * @param {string} track @param {string} prefix unique per form (names of the controls)
 * @param {any} [current] an outcome value to start from
 */
export function outcomeFields(track, prefix, current) {
  const n = (/** @type {string} */ name) => `${prefix}${name}`;
  if (track !== 'business_creation') {
    const box = choiceGroup({
      name: n('situation'),
      legend: 'Situation',
      type: 'radio',
      required: true,
      options: Object.entries(JOB_OUTCOME),
      checked: current?.track === 'job_search' ? [current.situation] : [],
    });
    return {
      element: box,
      /** @param {HTMLFormElement} form @returns {{ value?: any, errors: Record<string, string> }} */
      read(form) {
        const situation = /** @type {HTMLInputElement | null} */ (form.querySelector(`input[name="${n('situation')}"]:checked`))?.value;
        if (!situation) return { errors: { [n('situation')]: 'Choisissez la situation.' } };
        return { value: { track: 'job_search', situation }, errors: {} };
      },
    };
  }
  const created = current?.track === 'business_creation' && current.situation === 'company_created';
  const details = h(
    'div',
    { class: 'outcome-details' },
    field({ name: n('companyCreatedOn'), label: 'Date de création', type: 'date', required: true, value: created ? (current.companyCreatedOn ?? '') : '' }),
    field({ name: n('siren'), label: 'SIREN', hint: '9 chiffres.', value: created ? (current.siren ?? '') : '', attrs: { inputmode: 'numeric', maxlength: 11, autocomplete: 'off', class: 'input input-short' } }),
    field({
      name: n('stillActive'),
      label: 'Toujours en activité',
      value: created && current.stillActive !== undefined ? String(current.stillActive) : '',
      options: [
        ['', 'Non renseigné'],
        ['true', 'Oui'],
        ['false', 'Non'],
      ],
    }),
  );
  const box = h(
    'div',
    {},
    choiceGroup({
      name: n('situation'),
      legend: 'Situation',
      type: 'radio',
      required: true,
      columns: false,
      options: Object.entries(BUSINESS_OUTCOME),
      checked: current?.track === 'business_creation' ? [current.situation] : [],
    }),
    details,
  );
  const sync = () => {
    details.hidden = /** @type {HTMLInputElement | null} */ (box.querySelector(`input[name="${n('situation')}"]:checked`))?.value !== 'company_created';
  };
  box.addEventListener('change', sync);
  sync();
  return {
    element: box,
    /** @param {HTMLFormElement} form */
    read(form) {
      const situation = /** @type {HTMLInputElement | null} */ (form.querySelector(`input[name="${n('situation')}"]:checked`))?.value;
      if (!situation) return { errors: { [n('situation')]: 'Choisissez la situation.' } };
      if (situation === 'none') return { value: { track: 'business_creation', situation: 'none' }, errors: {} };
      /** @type {Record<string, string>} */
      const errors = {};
      const date = valueOf(form, n('companyCreatedOn'));
      const siren = valueOf(form, n('siren')).replace(/\s+/g, '');
      const still = valueOf(form, n('stillActive'));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors[n('companyCreatedOn')] = 'Indiquez la date de création.';
      if (siren !== '' && !/^\d{9}$/.test(siren)) errors[n('siren')] = 'Le SIREN compte 9 chiffres.';
      if (Object.keys(errors).length > 0) return { errors };
      return {
        value: { track: 'business_creation', situation: 'company_created', companyCreatedOn: date, ...(siren ? { siren } : {}), ...(still ? { stillActive: still === 'true' } : {}) },
        errors: {},
      };
    },
  };
}

/**
 * The tandem's life in date order: proposals (CCI only), the start, each check-in round (sent,
 * reminded, each answer), outcomes (asked, each record), alerts (raised, resolved) and the end.
 * @param {any} t the tandem (TandemDetail or PartnerTandemDetail)
 * @param {{ withPrivateNote: boolean, endNote?: string }} options
 */
export function timeline(t, { withPrivateNote }) {
  /** @type {Array<{ at: string, order: number, title: string, body?: Node | null }>} */
  const events = [];
  let order = 0;
  /** @param {string | undefined} at @param {string} title @param {Node | null} [body] */
  const add = (at, title, body) => {
    if (at) events.push({ at, order: order++, title, body });
  };
  const who = (/** @type {string} */ role) => (role === 'mentor' ? `${t.mentor.firstName} (mentor)` : `${t.mentee.firstName} (personne accompagnée)`);

  for (const p of t.proposals ?? []) {
    add(p.createdAt, `Proposition envoyée à ${p.mentor.firstName} ${p.mentor.lastName} (rang ${p.rank})`);
    if (p.decidedAt) add(p.decidedAt, `Proposition ${p.status === 'accepted' ? 'acceptée' : p.status === 'declined' ? 'refusée' : 'close'} par ${p.mentor.firstName} ${p.mentor.lastName}`);
  }
  add(t.startedAt, 'Début du tandem');
  for (const round of t.checkIns ?? []) {
    const label = roundLabel(round);
    add(round.sentAt, `${label}\u00a0: questionnaire envoyé au mentor et à la personne accompagnée`);
    add(round.remindedAt, `${label}\u00a0: relance envoyée à qui n’avait pas répondu`);
    for (const role of ['mentor', 'mentee']) {
      const answer = round.answers?.[role];
      if (answer) add(answer.answeredAt, `${label}\u00a0: réponse de ${who(role)}`, answerFacts(answer, { withPrivateNote }));
    }
  }
  for (const survey of t.outcomes ?? []) {
    const label = milestoneLabel(survey.milestone);
    add(survey.sentAt, `${label}\u00a0: question posée`);
    for (const record of survey.records ?? []) {
      add(record.recordedAt, `${label}\u00a0: ${outcomeText(record.value)}`, h('p', { class: 'timeline-detail' }, `Source\u00a0: ${OUTCOME_SOURCE[/** @type {keyof typeof OUTCOME_SOURCE} */ (record.source)] ?? record.source}.`));
    }
  }
  for (const alert of t.alerts ?? []) {
    const kind = ALERT_KIND[/** @type {keyof typeof ALERT_KIND} */ (alert.kind)] ?? alert.kind;
    add(alert.raisedAt, `Alerte\u00a0: ${kind} (signalée par ${RAISED_BY[/** @type {keyof typeof RAISED_BY} */ (alert.raisedBy)] ?? alert.raisedBy}${alert.seq ? `, ${roundLabel({ seq: alert.seq, kind: alert.seq === 1 ? 'first' : 'monthly' }).toLowerCase()}` : ''})`);
    if (alert.status === 'resolved') add(alert.resolvedAt, `Alerte traitée\u00a0: ${kind}`);
  }
  if (t.endedAt) {
    const body = [];
    if (t.outcome) body.push(h('p', { class: 'timeline-detail' }, `Résultat\u00a0: ${outcomeText(t.outcome)}.`));
    if (withPrivateNote && t.endNote) body.push(h('p', { class: 'timeline-detail private-note' }, `Note de clôture (CCI)\u00a0: ${t.endNote}`));
    const title =
      t.status === 'completed' ? 'Tandem terminé' : `Tandem arrêté avant la fin${t.endReason ? `\u00a0: ${(END_REASON[/** @type {keyof typeof END_REASON} */ (t.endReason)] ?? t.endReason).toLowerCase()}` : ''}`;
    add(t.endedAt, title, body.length > 0 ? h('div', {}, body) : null);
  }
  events.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  if (events.length === 0) return h('p', { class: 'empty' }, 'Rien à montrer pour l’instant.');
  return h(
    'ol',
    { class: 'timeline' },
    events.map((e) => h('li', {}, h('time', { datetime: e.at }, formatDate(e.at)), h('p', { class: 'timeline-title' }, e.title), e.body ?? null)),
  );
}

/** The next scheduled check-in, in words, for an active tandem. @param {any} t */
export function nextCheckIn(t) {
  if (t.status !== 'active') return null;
  const next = (t.checkIns ?? []).find((/** @type {any} */ r) => r.status === 'scheduled');
  return next ? h('p', {}, `${roundLabel(next)}\u00a0: prévu le ${formatDate(next.dueAt)}.`) : null;
}

// ── Personal data (mentor and mentee pages) ─────────────────────────────────────────────────────

/** The long French date of a consent: « 3 novembre 2026 ». */
const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
/** @param {string | undefined} iso */
export const formatLongDate = (iso) => (iso ? longDate.format(new Date(iso)) : '—');

/**
 * « Données personnelles »: consent (date, version), the retention notice, the erased state;
 * « Exporter les données (JSON) » (a file named by role and id only) and « Effacer la personne »
 * after a confirmation that says what goes and what stays.
 * @param {{ role: 'mentor' | 'mentee', person: any, reload: () => Promise<unknown> }} spec
 */
export function personalDataSection({ role, person, reload }) {
  const section = h(
    'section',
    { 'aria-labelledby': 'personal-data-title', class: 'panel personal-data' },
    h('h2', { id: 'personal-data-title', tabindex: '-1' }, 'Données personnelles'),
  );
  if (person.erasedAt || person.status === 'erased') {
    section.append(
      h('p', { class: 'erased' }, person.erasedAt ? `Données effacées le ${formatLongDate(person.erasedAt)}.` : 'Données effacées.'),
      h('p', {}, 'Seul reste ce que les statistiques comptent (parcours, secteur, département, partenaire, dates).'),
    );
    return section;
  }
  section.append(h('p', {}, person.consentAt ? `Consentement donné le ${formatLongDate(person.consentAt)} (version ${person.consentVersion ?? '—'}).` : 'Aucun consentement enregistré.'));
  if (person.retentionNoticeAt) section.append(h('p', {}, `Avis avant effacement envoyé le ${formatLongDate(person.retentionNoticeAt)}.`));
  const exportButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-secondary' }, 'Exporter les données (JSON)'));
  exportButton.addEventListener('click', () =>
    void runAction(exportButton, () => api(`/admin/people/${role}/${person.id}/export`), {
      ok: [200],
      onSuccess: (answer) => {
        const blob = new Blob([JSON.stringify(answer.body, null, 2)], { type: 'application/json' });
        const url = URL.createObjectURL(blob);
        // The file is named by role and opaque id only: no personal data in a file name.
        const link = h('a', { href: url, download: `tandem-${role}-${person.id}.json`, hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return 'Export prêt\u00a0: le fichier JSON est téléchargé.';
      },
    }),
  );
  const confirmBox = h('div', {});
  const eraseButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-danger', 'aria-expanded': 'false' }, 'Effacer la personne…'));
  eraseButton.addEventListener('click', () => {
    eraseButton.setAttribute('aria-expanded', 'true');
    const confirm = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-danger', id: 'confirm-erase' }, 'Confirmer l’effacement'));
    const cancel = h(
      'button',
      {
        type: 'button',
        class: 'button button-secondary',
        onclick: () => {
          fill(confirmBox);
          eraseButton.setAttribute('aria-expanded', 'false');
          eraseButton.focus();
        },
      },
      'Annuler',
    );
    confirm.addEventListener('click', () =>
      void runAction(confirm, () => api(`/admin/people/${role}/${person.id}/erase`, { method: 'POST', body: { confirm: true } }), {
        ok: [200],
        onSuccess: async (answer) => {
          await reload();
          document.getElementById('personal-data-title')?.focus();
          const b = answer.body ?? {};
          if (b.status === 'already_erased') return 'Cette personne avait déjà été effacée.';
          return `Personne effacée. Tandems arrêtés\u00a0: ${b.tandemsEnded ?? 0}. Propositions closes\u00a0: ${b.proposalsClosed ?? 0}.`;
        },
      }),
    );
    fill(
      confirmBox,
      h(
        'div',
        { class: 'confirm-box', role: 'group', 'aria-labelledby': 'confirm-erase-title' },
        h('h3', { id: 'confirm-erase-title' }, 'Effacer cette personne\u202f?'),
        h(
          'p',
          {},
          'Seront effacés\u00a0: les nom et prénom, l’adresse e‑mail, le téléphone, les codes postal et de commune, les textes libres (projet, présentation, réponses écrites et notes des points d’étape) et les organisations.',
        ),
        h('p', {}, 'Seront gardés, pour les statistiques seulement\u00a0: l’identifiant, le rôle, le parcours, le secteur, le département, le partenaire, les dates et les résultats.'),
        h(
          'p',
          {},
          role === 'mentor'
            ? 'Les propositions en attente sont refusées en son nom et ses tandems en cours arrêtés\u00a0: une nouvelle recherche commence pour les personnes qu’il accompagnait.'
            : 'Les propositions en attente sont closes et son tandem en cours arrêté. La personne pourra se réinscrire.',
        ),
        h('p', {}, h('strong', {}, 'Cette action ne peut pas être annulée.')),
        h('div', { class: 'row-actions' }, confirm, cancel),
      ),
    );
    confirm.focus();
  });
  section.append(h('div', { class: 'row-actions' }, exportButton, eraseButton), confirmBox);
  return section;
}
