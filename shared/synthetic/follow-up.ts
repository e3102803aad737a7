/**
 * The follow-up of a synthetic programme's tandems (docs/follow-up.md), for the local demo: the
 * check-in rounds already mailed with their answers and the next one scheduled, the outcome
 * surveys asked so far with their records and the later ones scheduled, the silence watch, the
 * alerts the console's home page lists, and for closed tandems their end (outcome or reason) and
 * retention entry.
 *
 * Pure and seeded like the generator (its own PRNG stream, so the people it draws stay the same):
 * the same tandems, seed and `now` give the same follow-up. Every due date still to come is after
 * `now`, so the jobs have nothing to do when the demo starts; each active tandem's next round is
 * due within `checkInIntervalDays` (the first within `firstCheckInDays`), so running the check-ins
 * job a month later mails the next round of every active tandem.
 */
import {
  addDays,
  addMonths,
  checkInKindOf,
  FOLLOW_UP_DEFAULTS,
  OUTCOME_MILESTONES,
  type CheckInAnswer,
  type CheckInRole,
  type CheckInRound,
  type EndReason,
  type FollowUpSettings,
  type OutcomeMilestone,
  type OutcomeRecord,
  type OutcomeSurvey,
  type OutcomeValue,
  type TandemAlert,
  type TandemFollowUp,
} from '../domain/follow-up';
import type { Tandem } from '../domain/matching';
import { seededRandom, type SeededRandom, type Weights } from './generator';

// ---------------------------------------------------------------------------------------------
// Tuning
// ---------------------------------------------------------------------------------------------

/** Chance that each side answers a round at all (if the answer's date has come). */
export const ANSWER_SHARE: Record<CheckInRole, number> = { mentor: 0.82, mentee: 0.74 };
/** Of those who answer, the share who answer only after the reminder. */
export const ANSWER_AFTER_REMINDER_SHARE = 0.25;
/** Monthly satisfaction: mostly 4–5, some 2–3. */
export const SATISFACTION_WEIGHTS: Weights<number> = [[5, 45], [4, 38], [3, 12], [2, 5]];
/** Meetings since the last check-in. */
export const MEETINGS_WEIGHTS: Weights<number> = [[0, 8], [1, 40], [2, 35], [3, 12], [4, 5]];
/** Share of answers with a private note for the CCI. */
export const PRIVATE_NOTE_SHARE = 0.18;
/** Chance of a positive outcome (job) or a company created (business) by each milestone. */
export const OUTCOME_POSITIVE_SHARE: Record<OutcomeMilestone, number> = { 3: 0.15, 6: 0.35, 12: 0.55 };
/** Chance that each respondent answers an outcome survey. */
export const OUTCOME_ANSWER_SHARE = { mentee: 0.72, partner: 0.4 } as const;
/** Completed job-search tandems closed with a positive exit (the others with `none` yet). */
export const COMPLETED_POSITIVE_JOB_SHARE = 0.85;
/** Completed business-creation tandems closed with a company created (the others with `none` yet). */
export const COMPLETED_COMPANY_SHARE = 0.55;
/** Of the closed tandems, the share that completed (the others ended early). */
export const COMPLETED_SHARE = 0.6;
/** Why a closed tandem ended early (reasons that do not re-match the mentee, who is `closed`). */
export const EARLY_END_REASONS: Weights<Exclude<EndReason, 'not_a_good_fit' | 'mentor_unavailable' | 'person_erased'>> = [
  ['mentee_found_job', 35],
  ['mentee_stopped', 25],
  ['no_contact', 25],
  ['other', 15],
];
/** Positive exits of job-search tandems. */
export const POSITIVE_JOB_WEIGHTS: Weights<'permanent_contract' | 'fixed_term_6m_plus' | 'work_study' | 'training'> = [
  ['permanent_contract', 30],
  ['fixed_term_6m_plus', 30],
  ['work_study', 20],
  ['training', 20],
];
/** How many active tandems carry each alert (open ones on the console's home page, resolved ones in timelines). */
export const ALERT_COUNTS = { helpOpen: 3, notAGoodFitOpen: 2, silentOpen: 3, helpResolved: 4, silentResolved: 2 } as const;

const PROGRESS: Record<string, readonly string[]> = {
  job_search: [
    'Nous avons retravaillé le CV et la lettre de motivation pour les postes de logisticien.',
    'Simulation d’entretien faite, les réponses sur le parcours sont beaucoup plus claires.',
    'Trois candidatures envoyées cette semaine, dont une sur recommandation.',
    'Nous avons préparé l’entretien avec une entreprise du port de Marseille.',
    'Le profil LinkedIn est à jour et deux contacts ont répondu.',
    'Un entretien obtenu chez un transporteur d’Aubagne, nous le préparons ensemble.',
    'Nous avons fait le point sur les métiers possibles après la reconversion.',
    'Visite d’un salon de l’emploi à Aix, quelques pistes intéressantes.',
    'La formation de cariste est confirmée pour le mois prochain.',
    'Nous avons travaillé le pitch de présentation en deux minutes.',
    'Candidature en alternance envoyée, réponse attendue sous quinze jours.',
    'Moins de candidatures ce mois-ci mais mieux ciblées.',
  ],
  business_creation: [
    'Le prévisionnel financier est presque terminé, reste le plan de trésorerie.',
    'Nous avons comparé les statuts juridiques, la SASU semble la plus adaptée.',
    'Rendez-vous pris avec la banque pour le prêt d’honneur.',
    'L’étude de marché avance, une vingtaine de clients potentiels interrogés.',
    'Nous avons revu les prix de vente et la marge sur les premiers produits.',
    'Le dossier Initiative est déposé, passage en comité le mois prochain.',
    'Premiers clients trouvés grâce au marché de Noailles.',
    'Le local est trouvé à la Belle de Mai, le bail est en cours de relecture.',
    'Nous avons travaillé la présence sur les réseaux sociaux et le site.',
    'Immatriculation faite, premières factures envoyées.',
    'Le business plan a été présenté à un expert-comptable, quelques corrections.',
    'Recherche de fournisseurs locaux, deux devis reçus.',
  ],
};
const PRIVATE_NOTES: readonly string[] = [
  'Très bonne dynamique, rien à signaler.',
  'Les rendez-vous sont parfois décalés à cause de mon emploi du temps, mais le lien est bon.',
  'Je sens une baisse de motivation ces dernières semaines, je reste attentif.',
  'La situation personnelle est compliquée en ce moment (logement), cela pèse sur les recherches.',
  'Nous nous voyons surtout en visio, cela fonctionne bien.',
  'Je ne suis pas sûr que les attentes soient réalistes, j’en parlerai au prochain rendez-vous.',
  'Merci pour la mise en relation, l’échange est très enrichissant.',
  'Difficile de caler des créneaux avec les horaires de travail actuels.',
];
const HELP_NOTES: readonly string[] = [
  'Le projet bloque sur le financement, un contact à la CCI nous aiderait beaucoup.',
  'La personne a besoin d’un contact pour une aide au financement que je ne connais pas.',
  'Je souhaiterais échanger avec la CCI sur la suite de l’accompagnement.',
  'Un problème de garde d’enfants empêche les rendez-vous, nous cherchons une solution.',
  'Nous aurions besoin d’un contact chez un expert-comptable pour valider le prévisionnel.',
];
const NOT_A_GOOD_FIT_NOTES: readonly string[] = [
  'Nos attentes sont trop différentes, je préférerais un mentor du secteur de la restauration.',
  'Le premier rendez-vous s’est mal passé, je ne pense pas pouvoir aider sur ce projet.',
  'Les disponibilités ne correspondent pas du tout, nous n’arrivons pas à nous voir.',
];
const FIRST_NOTES: readonly string[] = [
  'Premier rendez-vous au café, bon contact.',
  'Rencontre en visio, nous avons fixé un rythme de deux rendez-vous par mois.',
  'Un peu tôt pour juger, mais le premier échange était agréable.',
];
const END_NOTES: Record<EndReason | 'completed', readonly string[]> = {
  completed: [
    'Accompagnement mené à son terme, objectifs atteints.',
    'Tandem terminé après un an, très bon retour des deux côtés.',
    'Objectif atteint, le mentor reste disponible pour un autre accompagnement.',
  ],
  mentee_found_job: ['A trouvé un emploi par ses propres moyens, arrêt d’un commun accord.', 'Embauche rapide, le tandem n’a plus lieu d’être.'],
  mentee_stopped: ['Ne souhaite plus être accompagné pour raisons personnelles.', 'Déménagement hors de la métropole.'],
  no_contact: ['Plus de nouvelles malgré plusieurs relances.', 'Aucune réponse aux appels ni aux courriels depuis deux mois.'],
  other: ['Projet mis en pause pour une durée indéterminée.', 'Arrêt à la demande du partenaire, changement d’orientation.'],
  not_a_good_fit: ['Pas d’accord sur la méthode de travail.'],
  mentor_unavailable: ['Le mentor n’a plus de disponibilité.'],
  person_erased: [],
};

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

export interface FollowUpSpec {
  /** Same seed, same follow-up; a stream of its own, apart from the generator's. */
  seed: number;
  /** Every past date is before it, every due date still to come after it. */
  now: Date;
  settings?: FollowUpSettings;
  /** Tandems (given `active`) to close before `now`: each completed or ended early. */
  close?: ReadonlySet<string>;
}

/** What the follow-up generator was asked to place, by tandem id (the demo's tests and its e2e scenario read it). */
export interface FollowUpRoles {
  helpOpen: string[];
  notAGoodFitOpen: string[];
  silentOpen: string[];
  helpResolved: string[];
  silentResolved: string[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
/** The answers' dates, parsed once (most answers are drawn here, with their date in milliseconds). */
const answeredTimes = new WeakMap<CheckInAnswer, number>();
const answeredMs = (a: CheckInAnswer) => answeredTimes.get(a) ?? t(a.answeredAt);

/**
 * The follow-up of each tandem (given `active`, with `startedAt` before `now`), in the same order;
 * the tandems returned carry `lastAnswerAt` and, for those closed, their end.
 */
export function syntheticFollowUp(tandems: readonly Tandem[], spec: FollowUpSpec): { followUps: TandemFollowUp[]; roles: FollowUpRoles } {
  const s = spec.settings ?? FOLLOW_UP_DEFAULTS;
  const now = spec.now.getTime();
  const r = seededRandom((spec.seed ^ 0x0f0110e5) >>> 0);
  const satisfaction = picker(r, SATISFACTION_WEIGHTS);
  const meetings = picker(r, MEETINGS_WEIGHTS);
  const earlyReason = picker(r, EARLY_END_REASONS);
  const positiveJob = picker(r, POSITIVE_JOB_WEIGHTS);

  const roles: FollowUpRoles = { helpOpen: [], notAGoodFitOpen: [], silentOpen: [], helpResolved: [], silentResolved: [] };
  const followUps = tandems.map((given) => {
    if (given.status !== 'active') throw new RangeError('syntheticFollowUp: tandems are given active');
    const start = t(given.startedAt);
    let tandem: Tandem = { ...given };
    // The end, for the tandems to close: completed after 6 to 12 months, else early after 1 to 5.
    let endedAt: number | undefined;
    let endReason: EndReason | undefined;
    if (spec.close?.has(given.id)) {
      const long = r.next() < COMPLETED_SHARE && now - start > 200 * DAY;
      // Within the time the tandem has had (not all cut short at `now`: ends spread over the months).
      const [shortest, longest] = long ? [180, 365] : [30, 150];
      const room = Math.floor((now - start) / DAY) - 2;
      endedAt = Math.min(start + r.int(Math.min(shortest, room), Math.max(Math.min(longest, room), Math.min(shortest, room))) * DAY + r.int(0, 8) * HOUR, now - DAY);
      endReason = long ? undefined : earlyReason();
    }
    const until = endedAt ?? now;

    // Check-in rounds: mailed on their due date while the tandem was active, answered or not.
    const rounds: CheckInRound[] = [];
    for (let seq = 1; ; seq++) {
      // checkInDueAt, in milliseconds (dates are slow to parse and print; the demo seeds at every start).
      const sent = start + (s.firstCheckInDays + (seq - 1) * s.checkInIntervalDays) * DAY;
      const dueAt = iso(sent);
      const kind = checkInKindOf(seq);
      if (sent > until) {
        rounds.push({ tandemId: given.id, seq, kind, dueAt, status: endedAt === undefined ? 'scheduled' : 'cancelled', answers: {} });
        break;
      }
      const reminded = sent + s.reminderAfterDays * DAY;
      const round: CheckInRound = { tandemId: given.id, seq, kind, dueAt, status: 'sent', sentAt: dueAt, answers: {}, ...(reminded <= now ? { remindedAt: iso(reminded) } : {}) };
      for (const role of ['mentor', 'mentee'] as const) {
        const answers = r.next() < ANSWER_SHARE[role] && endReason !== 'no_contact';
        const late = r.next() < ANSWER_AFTER_REMINDER_SHARE;
        const at = late ? reminded + r.int(2, 5 * 24) * HOUR : sent + r.int(2, (s.reminderAfterDays - 1) * 24) * HOUR;
        const text = r.next();
        const note = r.next() < PRIVATE_NOTE_SHARE ? r.pick(kind === 'first' ? FIRST_NOTES : PRIVATE_NOTES) : undefined;
        if (!answers || at > until) continue;
        round.answers[role] = answer(kind, iso(at), text, note);
        answeredTimes.set(round.answers[role], at);
      }
      rounds.push(round);
    }
    const sentRounds = rounds.filter((round) => round.status === 'sent');

    function answer(kind: CheckInRound['kind'], answeredAt: string, text: number, note: string | undefined): CheckInAnswer {
      const privateNote = note ? { privateNote: note } : {};
      if (kind === 'first') return { kind, firstMeetingHeld: text < 0.88, fit: text < 0.85 ? 'good' : 'too_early', needsHelp: false, ...privateNote, answeredAt };
      const list = PROGRESS[given.track] ?? PROGRESS.job_search!;
      return { kind, meetingsSince: meetings(), satisfaction: satisfaction(), progress: list[Math.floor(text * list.length)]!, needsHelp: false, ...privateNote, answeredAt };
    }
    const answerTimes = () => sentRounds.flatMap((round) => Object.values(round.answers).map(answeredMs));
    /** Someone answers round `round` now (between its mailing and `until`), if nobody had. */
    const ensureAnswered = (round: CheckInRound, role: CheckInRole) => {
      if (round.answers.mentor || round.answers.mentee) return;
      const sent = t(round.sentAt!);
      round.answers[role] = answer(round.kind, iso(sent + Math.floor((until - sent) / 2)), r.next(), undefined);
    };

    const alerts: TandemAlert[] = [];
    let watch: TandemFollowUp['watch'];
    const ageDays = (now - start) / DAY;
    if (endedAt === undefined) {
      // The alerts, on the first tandems that fit each role.
      const last = sentRounds.at(-1);
      if (roles.notAGoodFitOpen.length < ALERT_COUNTS.notAGoodFitOpen && sentRounds.length === 1 && last) {
        roles.notAGoodFitOpen.push(given.id);
        const role: CheckInRole = roles.notAGoodFitOpen.length % 2 === 1 ? 'mentee' : 'mentor';
        const sent = t(last.sentAt!);
        const at = iso(sent + Math.floor((now - sent) / 3));
        last.answers[role] = { kind: 'first', firstMeetingHeld: true, fit: 'not_a_good_fit', needsHelp: false, privateNote: r.pick(NOT_A_GOOD_FIT_NOTES), answeredAt: at };
        alerts.push({ tandemId: given.id, kind: 'not_a_good_fit', raisedAt: at, raisedBy: role, seq: last.seq, status: 'open' });
      } else if (roles.silentOpen.length < ALERT_COUNTS.silentOpen && ageDays > 130) {
        // Silent: nothing answered for the last 65–90 days; the watch fired and was disarmed.
        roles.silentOpen.push(given.id);
        const cutoff = now - r.int(65, 90) * DAY;
        for (const round of sentRounds) for (const role of ['mentor', 'mentee'] as const) if (round.answers[role] && answeredMs(round.answers[role]) > cutoff) delete round.answers[role];
        const lastAnswer = Math.max(start, ...answerTimes());
        const flagged = iso(lastAnswer + s.silentAfterDays * DAY);
        watch = { tandemId: given.id, dueAt: flagged, armed: false };
        alerts.push({ tandemId: given.id, kind: 'silent', raisedAt: flagged, raisedBy: 'system', status: 'open' });
      } else if (roles.helpOpen.length < ALERT_COUNTS.helpOpen && sentRounds.length >= 2 && last && last.kind === 'monthly') {
        roles.helpOpen.push(given.id);
        const role: CheckInRole = roles.helpOpen.length % 2 === 1 ? 'mentor' : 'mentee';
        const sent = t(last.sentAt!);
        const at = last.answers[role]?.answeredAt ?? iso(sent + Math.floor((now - sent) / 2));
        last.answers[role] = { ...answer('monthly', at, r.next(), undefined), needsHelp: true, privateNote: r.pick(HELP_NOTES) };
        alerts.push({ tandemId: given.id, kind: 'help_requested', raisedAt: at, raisedBy: role, seq: last.seq, status: 'open' });
      } else if (roles.silentResolved.length < ALERT_COUNTS.silentResolved && sentRounds.length >= 7) {
        // A silent spell (rounds 3 to 5 unanswered), flagged, then over with the next answer.
        const gap = sentRounds.slice(2, 5);
        for (const round of gap) round.answers = {};
        ensureAnswered(sentRounds.at(-1)!, 'mentee');
        const before = Math.max(start, ...sentRounds.slice(0, 2).flatMap((round) => Object.values(round.answers).map(answeredMs)));
        const after = Math.min(...sentRounds.slice(5).flatMap((round) => Object.values(round.answers).map(answeredMs)));
        const flagged = before + s.silentAfterDays * DAY;
        if (flagged < after) {
          roles.silentResolved.push(given.id);
          alerts.push({ tandemId: given.id, kind: 'silent', raisedAt: iso(flagged), raisedBy: 'system', status: 'resolved', resolvedAt: iso(after) });
        }
      } else if (roles.helpResolved.length < ALERT_COUNTS.helpResolved && sentRounds.length >= 4) {
        const round = sentRounds[1 + (roles.helpResolved.length % 2)]!;
        const role: CheckInRole = round.answers.mentee ? 'mentee' : 'mentor';
        const sent = t(round.sentAt!);
        const at = round.answers[role]?.answeredAt ?? iso(sent + 30 * HOUR);
        roles.helpResolved.push(given.id);
        round.answers[role] = { ...answer(round.kind, at, r.next(), undefined), needsHelp: true, privateNote: r.pick(HELP_NOTES) };
        alerts.push({ tandemId: given.id, kind: 'help_requested', raisedAt: at, raisedBy: role, seq: round.seq, status: 'resolved', resolvedAt: iso(t(at) + r.int(1, 5) * DAY) });
      }
      if (!watch) {
        // Not silent: someone answered within `silentAfterDays` (the last round mailed, if need be).
        if (Math.max(start, ...answerTimes()) + s.silentAfterDays * DAY <= now) ensureAnswered(sentRounds.at(-1)!, r.next() < 0.5 ? 'mentor' : 'mentee');
        watch = { tandemId: given.id, dueAt: iso(Math.max(start, ...answerTimes()) + s.silentAfterDays * DAY), armed: true };
      }
    } else {
      // A tandem that went silent before it ended for lack of contact: its alert resolved by the end.
      if (endReason === 'no_contact' && start + s.silentAfterDays * DAY < endedAt) {
        alerts.push({ tandemId: given.id, kind: 'silent', raisedAt: iso(start + s.silentAfterDays * DAY), raisedBy: 'system', status: 'resolved', resolvedAt: iso(endedAt) });
      }
      watch = { tandemId: given.id, dueAt: iso(Math.max(start, ...answerTimes()) + s.silentAfterDays * DAY), armed: false };
    }
    const times = answerTimes();
    if (times.length > 0) tandem.lastAnswerAt = iso(Math.max(...times));

    // The end, with its outcome or reason.
    let outcome: OutcomeValue | undefined;
    if (endedAt !== undefined) {
      const ended = iso(endedAt);
      if (endReason === undefined) {
        const positive = r.next() < (given.track === 'business_creation' ? COMPLETED_COMPANY_SHARE : COMPLETED_POSITIVE_JOB_SHARE);
        if (given.track === 'business_creation') outcome = positive ? companyCreated(r, start, endedAt) : { track: 'business_creation', situation: 'none' };
        else outcome = { track: 'job_search', situation: positive ? positiveJob() : 'none' };
        tandem = { ...tandem, status: 'completed', endedAt: ended, outcome, endNote: r.pick(END_NOTES.completed) };
      } else {
        if (endReason === 'mentee_found_job' && given.track === 'job_search') outcome = { track: 'job_search', situation: positiveJob() };
        tandem = { ...tandem, status: 'ended_early', endedAt: ended, endReason, endNote: r.pick(END_NOTES[endReason]) };
      }
    }

    // Outcome surveys: asked at each milestone already reached (after the end too), answered or not.
    let state: OutcomeValue | undefined = undefined;
    const surveys: OutcomeSurvey[] = OUTCOME_MILESTONES.map((milestone) => {
      const dueAt = addMonths(given.startedAt, milestone);
      const sent = t(dueAt);
      if (sent > now) return { tandemId: given.id, milestone, dueAt, status: 'scheduled', records: [] };
      const reminded = sent + s.reminderAfterDays * DAY;
      const survey: OutcomeSurvey = { tandemId: given.id, milestone, dueAt, status: 'sent', sentAt: dueAt, records: [], ...(reminded <= now ? { remindedAt: iso(reminded) } : {}) };
      // What the mentee would say by now: the tandem's outcome once it is known, else a draw that never goes back.
      if (!state || state.situation === 'none') {
        if (outcome && (endedAt ?? Infinity) <= sent + 20 * DAY) state = outcome;
        // Closed with nothing yet: nobody had said otherwise before.
        else if (outcome?.situation === 'none') state = outcome;
        else if (r.next() < OUTCOME_POSITIVE_SHARE[milestone]) state = given.track === 'business_creation' ? companyCreated(r, start, sent) : { track: 'job_search', situation: positiveJob() };
        else state = given.track === 'business_creation' ? { track: 'business_creation', situation: 'none' } : { track: 'job_search', situation: 'none' };
      }
      const answeredBy: NonNullable<OutcomeSurvey['answeredBy']> = {};
      for (const respondent of ['mentee', 'partner'] as const) {
        const answers = r.next() < OUTCOME_ANSWER_SHARE[respondent];
        const at = sent + r.int(3, 20 * 24) * HOUR;
        if (!answers || at > now || (respondent === 'partner' && !given.partnerId)) continue;
        answeredBy[respondent] = iso(at);
        survey.records.push({ value: state, source: respondent, recordedAt: iso(at) });
      }
      survey.records.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
      if (Object.keys(answeredBy).length > 0) survey.answeredBy = answeredBy;
      return survey;
    });
    if (outcome && tandem.status === 'completed') {
      // Closing with an outcome records it as the CCI's, on the last survey asked before the end.
      const target = surveys.filter((survey) => t(survey.dueAt) <= endedAt!).at(-1) ?? surveys[0]!;
      target.records.push({ value: outcome, source: 'cci', recordedAt: tandem.endedAt! } satisfies OutcomeRecord);
      target.records.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    }

    // Closed: open alerts resolved, the retention entry due `closedTandemRetentionDays` after the end.
    const retention = endedAt !== undefined ? { tandemId: given.id, dueAt: addDays(tandem.endedAt!, s.closedTandemRetentionDays), done: false } : undefined;
    return { tandem, rounds, surveys, alerts, ...(watch ? { watch } : {}), ...(retention ? { retention } : {}) };
  });
  return { followUps, roles };
}

/** A company created between the start and `before`, with a SIREN (Luhn-valid) half of the time, still trading. */
function companyCreated(r: SeededRandom, start: number, before: number): OutcomeValue {
  const on = new Date(start + Math.floor(r.next() * Math.max(1, before - start))).toISOString().slice(0, 10);
  const withSiren = r.next() < 0.5;
  const base = Array.from({ length: 8 }, () => r.int(0, 9));
  base[0] = r.int(1, 9);
  return { track: 'business_creation', situation: 'company_created', companyCreatedOn: on, ...(withSiren ? { siren: luhnComplete(base) } : {}), stillActive: true };
}

/** Eight digits and the Luhn check digit that makes them a valid SIREN. */
function luhnComplete(digits: number[]): string {
  let sum = 0;
  // The check digit is at position 9 (from the left); doubling applies to the 8th, 6th… digits.
  digits.forEach((d, i) => {
    const doubled = i % 2 === 1 ? d * 2 : d;
    sum += doubled > 9 ? doubled - 9 : doubled;
  });
  return digits.join('') + String((10 - (sum % 10)) % 10);
}

const picker = <T>(r: SeededRandom, weights: Weights<T>) => {
  const draw = r.weighted(weights, ([, w]) => w);
  return () => draw()[0];
};
