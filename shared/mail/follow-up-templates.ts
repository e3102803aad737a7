/**
 * The follow-up mails (docs/follow-up.md): check-ins to mentor and mentee, outcome surveys to the
 * mentee and the referring partner, alerts to the CCI and the partner, the thank-you when a tandem
 * closes, the notice before an unmatched profile is erased. Same layout, footer, typography and
 * escaping as every mail (templates.ts); people read them in their language first, the CCI and
 * partners in French first. They name people by first name only (a partner reads the beneficiary's
 * first name and last-name initial), never a private note or any free text.
 */
import type { AlertKind, CheckInRole, OutcomeMilestone } from '../domain/follow-up';
import type { Locale } from '../domain/locale';
import { contactLines, en, formatDay, fr, hostOf, render, type MailContext, type Rendered, type Version } from './templates';

const NBSP = '\u00a0';

const FR_NUMBERS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'];
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/**
 * A number of days as people say it: "deux semaines", "deux mois", else "45 jours" (English alike).
 * Whole months of 30 days and whole weeks up to twelve read as such.
 */
export function spokenDuration(days: number, locale: Locale): string {
  const words = (n: number, fem: boolean) => (locale === 'fr' ? (n === 1 && fem ? 'une' : FR_NUMBERS[n]!) : EN_NUMBERS[n]!);
  if (days > 0 && days % 30 === 0 && days / 30 <= 12) {
    const n = days / 30;
    return locale === 'fr' ? `${words(n, false)} mois` : `${words(n, false)} month${n > 1 ? 's' : ''}`;
  }
  if (days > 0 && days % 7 === 0 && days / 7 <= 12) {
    const n = days / 7;
    return locale === 'fr' ? `${words(n, true)} semaine${n > 1 ? 's' : ''}` : `${words(n, false)} week${n > 1 ? 's' : ''}`;
  }
  return locale === 'fr' ? `${days}${NBSP}jours` : `${days} days`;
}

/** How long a follow-up link lives, as its mail says it: days and the last day. */
export interface LinkValidity {
  linkDays: number;
  /** When the link expires (ISO): the day is written out. */
  validUntil: string;
}

const validityNote = ({ linkDays, validUntil }: LinkValidity): Record<Locale, string> => ({
  fr: fr`Ce lien vous est personnel et fonctionne ${linkDays}${NBSP}jours, jusqu'au ${formatDay(validUntil, 'fr')}.`,
  en: en`This link is yours alone and works for ${linkDays} days, until ${formatDay(validUntil, 'en')}.`,
});
const FALLBACK: Record<Locale, string> = {
  fr: fr`Le bouton ne s'ouvre pas ? Copiez ce lien dans votre navigateur :`,
  en: en`Button not working? Copy this link into your browser:`,
};

// ── Check-ins ────────────────────────────────────────────────────────────────────────────────────

/**
 * A check-in to mentor or mentee, with its one signed link: the first one (seq 1) asks whether the
 * first meeting took place, the monthly ones how the tandem is going; the reminder says it again,
 * once. Names the other member by first name; says the other does not see the answers.
 */
export function checkInMail(
  input: {
    to: CheckInRole;
    firstName: string;
    otherFirstName: string;
    seq: number;
    reminder: boolean;
    /** Whole days since the tandem started (the first check-in says "il y a deux semaines"). */
    daysSinceStart: number;
    link: string;
    locale: Locale;
  } & LinkValidity &
    MailContext,
): Rendered {
  const { firstName, otherFirstName: other, seq, reminder, daysSinceStart, link, locale, operator } = input;
  const first = seq === 1;
  const lines = contactLines(input);
  const validity = validityNote(input);
  const weeks = Math.max(1, Math.round(daysSinceStart / 7)) * 7;
  const since = { fr: spokenDuration(weeks, 'fr'), en: spokenDuration(weeks, 'en') };
  const subject = first
    ? { fr: fr`Votre tandem avec ${other} : la première rencontre a-t-elle eu lieu ?`, en: en`Your tandem with ${other}: did the first meeting take place?` }
    : { fr: fr`Comment avance votre tandem ?`, en: en`How is your tandem going?` };
  const opening: Record<Locale, string> = reminder
    ? first
      ? {
          fr: fr`Nous vous avons écrit il y a quelques jours au sujet de votre tandem avec ${other} : la première rencontre a-t-elle eu lieu ? Nous n'avons pas encore votre réponse.`,
          en: en`We wrote to you a few days ago about your tandem with ${other}: did the first meeting take place? We have not had your answer yet.`,
        }
      : {
          fr: fr`Il y a quelques jours, nous vous demandions comment avance votre tandem avec ${other}. Nous n'avons pas encore votre réponse.`,
          en: en`A few days ago we asked how your tandem with ${other} is going. We have not had your answer yet.`,
        }
    : first
      ? {
          fr: fr`Votre tandem avec ${other} a commencé il y a ${since.fr} : la première rencontre a-t-elle eu lieu ?`,
          en: en`Your tandem with ${other} started ${since.en} ago: did the first meeting take place?`,
        }
      : { fr: fr`Comment avance votre tandem avec ${other} ?`, en: en`How is your tandem with ${other} going?` };
  const questions: Record<Locale, string> = first
    ? {
        fr: fr`Dites-le-nous en deux minutes : la rencontre, si le tandem vous convient, et si vous avez besoin d'un coup de main de notre part.`,
        en: en`Tell us in two minutes: the meeting, whether the tandem suits you, and whether you would like a hand from us.`,
      }
    : {
        fr: fr`Dites-le-nous en deux minutes : vos rencontres depuis la dernière fois, votre satisfaction, les progrès en une phrase, et si vous avez besoin d'un coup de main de notre part.`,
        en: en`Tell us in two minutes: your meetings since last time, how satisfied you are, the progress in a sentence, and whether you would like a hand from us.`,
      };
  const version = (l: Locale): Version => ({
    heading: l === 'fr' ? fr`Bonjour ${firstName},` : en`Hello ${firstName},`,
    paragraphs: [opening[l], questions[l], l === 'fr' ? fr`${other} ne voit pas vos réponses.` : en`${other} does not see your answers.`],
    action: { link, button: l === 'fr' ? fr`Répondre` : en`Answer`, fallback: FALLBACK[l] },
    notes: [{ text: validity[l] }],
    why: [
      l === 'fr'
        ? fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous participez à un tandem de mentorat : nous prenons régulièrement des nouvelles de ses deux membres.`
        : en`This message is sent by the ${operator.name}, which runs Tandem, because you are in a mentoring tandem: we regularly ask both its members how it is going.`,
    ],
    ...lines[l],
  });
  return render(
    input,
    locale,
    reminder ? { fr: fr`Rappel : ${subject.fr}`, en: en`Reminder: ${subject.en}` } : subject,
    { fr: version('fr'), en: version('en') },
    reminder ? 'check-in-reminder' : 'check-in',
  );
}

// ── Outcome surveys ──────────────────────────────────────────────────────────────────────────────

const milestoneWords = (milestone: OutcomeMilestone, locale: Locale) =>
  milestone === 12 ? (locale === 'fr' ? 'un an' : 'a year') : locale === 'fr' ? `${milestone}${NBSP}mois` : `${milestone} months`;

/** The question of the survey, by track and by who is asked ("votre" to the mentee, "sa" to the partner). */
function outcomeQuestion(track: string, to: 'mentee' | 'partner', locale: Locale): { subject: string; question: string; options: string } {
  const business = track === 'business_creation';
  if (locale === 'en') {
    const whose = to === 'mentee' ? 'your' : 'their';
    return business
      ? { subject: en`how is ${whose} business plan going?`, question: en`How is ${whose} plan to start a business going?`, options: en`Is the company created, or not yet? Either answer helps us.` }
      : {
          subject: en`how is ${whose} job search going?`,
          question: en`How is ${whose} job search going?`,
          options: en`A job (permanent, fixed-term of 6 months or more, work-study), a qualifying training, or not yet? Either answer helps us.`,
        };
  }
  const whose = to === 'mentee' ? 'votre' : 'sa';
  const whoseProject = to === 'mentee' ? 'votre' : 'son';
  return business
    ? {
        subject: fr`où en est ${whoseProject} projet d'entreprise ?`,
        question: fr`Où en est ${whoseProject} projet de création d'entreprise ?`,
        options: fr`L'entreprise est-elle créée, ou pas encore ? Les deux réponses nous sont utiles.`,
      }
    : {
        subject: fr`où en est ${whose} recherche d'emploi ?`,
        question: fr`Où en est ${whose} recherche d'emploi ?`,
        options: fr`Un emploi (CDI, CDD de 6${NBSP}mois ou plus, alternance), une formation qualifiante, ou pas encore ? Les deux réponses nous sont utiles.`,
      };
}

/**
 * The outcome survey of a milestone (3, 6, 12 months after the start), with its one signed link:
 * to the mentee in the mentee's language, or to the referring partner in French, naming the
 * beneficiary by first name and last-name initial only. Job search and business creation ask
 * their own question; the reminder says it again, once.
 */
export function outcomeSurveyMail(
  input: {
    to: 'mentee' | 'partner';
    /** The mentee's first name. */
    firstName: string;
    /** The partner's mail names the beneficiary "Léa D.": the initial only, never the last name. */
    lastNameInitial?: string;
    track: string;
    milestone: OutcomeMilestone;
    reminder: boolean;
    link: string;
    locale: Locale;
  } & LinkValidity &
    MailContext,
): Rendered {
  const { to, firstName, lastNameInitial, track, milestone, reminder, link, operator } = input;
  const locale = to === 'partner' ? 'fr' : input.locale;
  const lines = contactLines(input);
  const validity = validityNote(input);
  const name = to === 'partner' && lastNameInitial ? `${firstName} ${lastNameInitial}.` : firstName;
  const since = { fr: milestoneWords(milestone, 'fr'), en: milestoneWords(milestone, 'en') };
  const q = { fr: outcomeQuestion(track, to, 'fr'), en: outcomeQuestion(track, to, 'en') };
  const subject =
    to === 'mentee'
      ? { fr: fr`${since.fr} après le début de votre tandem : ${q.fr.subject}`, en: en`${since.en} into your tandem: ${q.en.subject}` }
      : { fr: fr`Tandem, ${since.fr} après : où en est ${name} ?`, en: en`Tandem, ${since.en} on: how is ${name} doing?` };
  const paragraphs: Record<Locale, string[]> =
    to === 'mentee'
      ? {
          fr: [
            reminder
              ? fr`Il y a quelques jours, nous vous demandions où en est votre projet, ${since.fr} après le début de votre tandem. Nous n'avons pas encore votre réponse.`
              : fr`Votre tandem a commencé il y a ${since.fr}. Pour savoir ce que le programme vous a apporté, une seule question, une minute :`,
            q.fr.question,
            q.fr.options,
          ],
          en: [
            reminder
              ? en`A few days ago we asked how your plans are going, ${since.en} after your tandem started. We have not had your answer yet.`
              : en`Your tandem started ${since.en} ago. To know what the programme brought you, one question, one minute:`,
            q.en.question,
            q.en.options,
          ],
        }
      : {
          fr: [
            reminder
              ? fr`Il y a quelques jours, nous vous demandions où en est ${name}, ${since.fr} après le début de son tandem. Nous n'avons pas encore votre réponse.`
              : fr`Vous avez orienté ${name} vers Tandem : son tandem a commencé il y a ${since.fr}.`,
            q.fr.question,
            fr`${q.fr.options} Si vous ne le savez pas, ignorez simplement ce message.`,
          ],
          en: [
            reminder
              ? en`A few days ago we asked how ${name} is doing, ${since.en} after their tandem started. We have not had your answer yet.`
              : en`You referred ${name} to Tandem: their tandem started ${since.en} ago.`,
            q.en.question,
            en`${q.en.options} If you do not know, simply ignore this message.`,
          ],
        };
  const why: Record<Locale, string> =
    to === 'mentee'
      ? {
          fr: fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous participez ou avez participé à un tandem de mentorat.`,
          en: en`This message is sent by the ${operator.name}, which runs Tandem, because you are or were in a mentoring tandem.`,
        }
      : {
          fr: fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que votre structure a orienté cette personne vers le programme.`,
          en: en`This message is sent by the ${operator.name}, which runs Tandem, because your organisation referred this person to the programme.`,
        };
  const version = (l: Locale): Version => ({
    heading: l === 'fr' ? (to === 'mentee' ? fr`Bonjour ${firstName},` : fr`Bonjour,`) : to === 'mentee' ? en`Hello ${firstName},` : en`Hello,`,
    paragraphs: paragraphs[l],
    action: { link, button: l === 'fr' ? fr`Répondre` : en`Answer`, fallback: FALLBACK[l] },
    notes: [{ text: validity[l] }],
    why: [why[l]],
    ...lines[l],
  });
  return render(
    input,
    locale,
    reminder ? { fr: fr`Rappel : ${subject.fr}`, en: en`Reminder: ${subject.en}` } : subject,
    { fr: version('fr'), en: version('en') },
    `outcome-survey-${to}${reminder ? '-reminder' : ''}`,
  );
}

// ── Alerts ───────────────────────────────────────────────────────────────────────────────────────

/** The console's page of a tandem (web/console/tandem.html, as console-tandems.js links it). */
export const consoleTandemLink = (siteUrl: string, tandemId: string): string => `${siteUrl}/console/tandem.html?id=${encodeURIComponent(tandemId)}`;
/** The same tandem in the partners' space (an adviser cannot open the CCI's page). */
export const partnerTandemLink = (siteUrl: string, tandemId: string): string => `${siteUrl}/console/espace-tandem.html?id=${encodeURIComponent(tandemId)}`;

/**
 * A tandem needs attention: a help request (by mentor or mentee), "not a good fit", or silence for
 * `silentAfterDays`. To the CCI's programme mailbox or the referring partner, in French first:
 * what happened, the tandem's first names, the console's page of the tandem. Never a private note
 * nor any free text (the template takes none).
 */
export function followUpAlertMail(
  input: {
    to: 'programme' | 'partner';
    alert: AlertKind;
    /** Who raised it (a help request, "not a good fit"); `system` or absent for silence. */
    raisedBy?: CheckInRole | 'system' | undefined;
    mentorFirstName: string;
    menteeFirstName: string;
    silentAfterDays: number;
    link: string;
  } & MailContext,
): Rendered {
  const { to, alert, raisedBy, mentorFirstName: mentor, menteeFirstName: mentee, silentAfterDays, link, operator } = input;
  const lines = contactLines(input);
  const silence = { fr: spokenDuration(silentAfterDays, 'fr'), en: spokenDuration(silentAfterDays, 'en') };
  const who = {
    fr: raisedBy === 'mentor' ? fr`${mentor}, le mentor,` : raisedBy === 'mentee' ? fr`${mentee}, la personne accompagnée,` : fr`un membre du tandem`,
    en: raisedBy === 'mentor' ? en`${mentor}, the mentor,` : raisedBy === 'mentee' ? en`${mentee}, the mentee,` : en`a member of the tandem`,
  };
  const happened: Record<AlertKind, Record<Locale, string>> = {
    help_requested: {
      fr: fr`Dans le dernier point d'étape, ${who.fr} demande l'aide de la ${operator.name}.`,
      en: en`In the latest check-in, ${who.en} asks the ${operator.name} for help.`,
    },
    not_a_good_fit: {
      fr: fr`Au premier point d'étape, ${who.fr} indique que le tandem ne convient pas.`,
      en: en`In the first check-in, ${who.en} says the tandem is not a good fit.`,
    },
    silent: {
      fr: fr`Ni ${mentor} ni ${mentee} n'ont répondu aux points d'étape depuis ${silence.fr} : le tandem est peut-être à l'arrêt.`,
      en: en`Neither ${mentor} nor ${mentee} has answered a check-in for ${silence.en}: the tandem may have stalled.`,
    },
  };
  const next: Record<Locale, string> =
    to === 'partner'
      ? {
          fr: fr`L'équipe de la ${operator.name} a reçu la même alerte et prend contact avec le tandem. Si vous suivez cette personne, n'hésitez pas à lui écrire aussi.`,
          en: en`The ${operator.name} team received the same alert and is getting in touch with the tandem. If you follow this person, feel free to write to them too.`,
        }
      : alert === 'not_a_good_fit'
        ? {
            fr: fr`Vous pouvez en parler avec les deux membres du tandem et, si besoin, y mettre fin avec le motif «${NBSP}ne convient pas${NBSP}» : une nouvelle mise en relation sera alors proposée à ${mentee}.`,
            en: en`You may talk it over with both members and, if need be, end the tandem with the reason "not a good fit": ${mentee} will then be offered a new match.`,
          }
        : { fr: fr`Le détail des réponses est dans la console.`, en: en`The answers are in the console.` };
  const subject: Record<AlertKind, Record<Locale, string>> = {
    help_requested: { fr: fr`Tandem ${mentee} et ${mentor} : demande d'aide`, en: en`Tandem ${mentee} and ${mentor}: help requested` },
    not_a_good_fit: { fr: fr`Tandem ${mentee} et ${mentor} : le tandem ne convient pas`, en: en`Tandem ${mentee} and ${mentor}: not a good fit` },
    silent: { fr: fr`Tandem ${mentee} et ${mentor} : sans nouvelles depuis ${silence.fr}`, en: en`Tandem ${mentee} and ${mentor}: no news for ${silence.en}` },
  };
  const version = (l: Locale): Version => ({
    heading: l === 'fr' ? fr`Bonjour,` : en`Hello,`,
    paragraphs: [happened[alert][l], next[l]],
    facts: [{ label: l === 'fr' ? fr`Tandem :` : en`Tandem:`, value: l === 'fr' ? `${mentee} et ${mentor}` : `${mentee} and ${mentor}` }],
    action: { link, button: l === 'fr' ? fr`Voir le tandem` : en`See the tandem`, fallback: FALLBACK[l] },
    why: [
      to === 'programme'
        ? l === 'fr'
          ? fr`Cette alerte est envoyée à l'équipe de la ${operator.name} qui anime Tandem.`
          : en`This alert is sent to the ${operator.name} team that runs Tandem.`
        : l === 'fr'
          ? fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que votre structure a orienté cette personne vers le programme.`
          : en`This message is sent by the ${operator.name}, which runs Tandem, because your organisation referred this person to the programme.`,
    ],
    ...lines[l],
  });
  return render(input, 'fr', subject[alert], { fr: version('fr'), en: version('en') }, `follow-up-alert-${to}`);
}

// ── A tandem closes ──────────────────────────────────────────────────────────────────────────────

/** The CCI closed a tandem: thanks to mentor and mentee; with `rematch`, the mentee learns a new mentor is being sought. */
export function tandemClosedMail(
  input: {
    to: CheckInRole;
    firstName: string;
    /** Absent when the other member was erased (the erasure closed the tandem): the mail names nobody. */
    otherFirstName?: string;
    rematch: boolean;
    locale: Locale;
  } & MailContext,
): Rendered {
  const { to, firstName, otherFirstName, locale, operator } = input;
  const rematch = to === 'mentee' && input.rematch;
  const lines = contactLines(input);
  const withOther = { fr: otherFirstName ? ` avec ${otherFirstName}` : ' de mentorat', en: otherFirstName ? ` with ${otherFirstName}` : '' };
  const ended = {
    fr: fr`Votre tandem${withOther.fr} est terminé.`,
    en: en`Your tandem${withOther.en} has ended.`,
  };
  const subject = rematch
    ? { fr: fr`Votre tandem est terminé : nous vous cherchons un nouveau mentor`, en: en`Your tandem has ended: we are looking for a new mentor` }
    : { fr: fr`Votre tandem${withOther.fr} est terminé : merci !`, en: en`Your tandem${withOther.en} has ended: thank you!` };
  const paragraphs: Record<Locale, string[]> =
    to === 'mentor'
      ? {
          fr: [
            fr`${ended.fr} Merci pour le temps et l'expérience que vous avez partagés : c'est ce qui fait Tandem.`,
            fr`Votre place de mentor est de nouveau libre : nous pourrons vous proposer d'accompagner une autre personne. Pour faire une pause ou pour toute question, écrivez-nous à ${operator.contactEmail}.`,
          ],
          en: [
            en`${ended.en} Thank you for the time and experience you shared: that is what Tandem is made of.`,
            en`Your mentor place is free again: we may propose that you support someone else. To take a break or for any question, write to us at ${operator.contactEmail}.`,
          ],
        }
      : rematch
        ? {
            fr: [
              fr`${ended.fr} Merci de votre confiance.`,
              fr`Nous cherchons dès maintenant un nouveau mentor pour vous accompagner : vous recevrez un e-mail dès que quelqu'un aura accepté.`,
              fr`Pour toute question, écrivez-nous à ${operator.contactEmail}.`,
            ],
            en: [
              en`${ended.en} Thank you for your trust.`,
              en`We are now looking for a new mentor to support you: you will receive an e-mail as soon as someone has accepted.`,
              en`For any question, write to us at ${operator.contactEmail}.`,
            ],
          }
        : {
            fr: [
              fr`${ended.fr} Merci de votre confiance, et tous nos vœux pour la suite !`,
              fr`Pour toute question, écrivez-nous à ${operator.contactEmail}.`,
            ],
            en: [en`${ended.en} Thank you for your trust, and all the best for what comes next!`, en`For any question, write to us at ${operator.contactEmail}.`],
          };
  const version = (l: Locale): Version => ({
    heading: l === 'fr' ? fr`Bonjour ${firstName},` : en`Hello ${firstName},`,
    paragraphs: paragraphs[l],
    why: [
      l === 'fr'
        ? fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous participiez à ce tandem de mentorat.`
        : en`This message is sent by the ${operator.name}, which runs Tandem, because you were in this mentoring tandem.`,
    ],
    ...lines[l],
  });
  return render(input, locale, subject, { fr: version('fr'), en: version('en') }, rematch ? 'tandem-closed-rematch' : 'tandem-closed');
}

// ── Retention ────────────────────────────────────────────────────────────────────────────────────

/**
 * An unmatched mentee's profile will be erased on `erasesOn` (yyyy-mm-dd): no mentor was found
 * within the retention period. How to keep it (write to the CCI) or sign up again later.
 */
export function retentionNoticeMail(input: { firstName: string; erasesOn: string; locale: Locale } & MailContext): Rendered {
  const { firstName, erasesOn, locale, operator, siteUrl } = input;
  const host = hostOf(siteUrl);
  const lines = contactLines(input);
  // Midday UTC: the same calendar day in Paris whatever the season.
  const day = { fr: formatDay(`${erasesOn}T12:00:00.000Z`, 'fr'), en: formatDay(`${erasesOn}T12:00:00.000Z`, 'en') };
  return render(
    input,
    locale,
    { fr: fr`Votre profil Tandem sera effacé le ${day.fr}`, en: en`Your Tandem profile will be erased on ${day.en}` },
    {
      fr: {
        heading: fr`Bonjour ${firstName},`,
        paragraphs: [
          fr`Depuis votre inscription sur Tandem, nous n'avons pas trouvé de mentor pour vous accompagner, et nous le regrettons.`,
          fr`Nous ne gardons pas indéfiniment les profils en attente : comme l'annonce notre politique de confidentialité, le vôtre sera effacé le ${day.fr}.`,
          fr`Pour le garder, écrivez-nous avant cette date à ${operator.contactEmail} : nous continuerons à vous chercher un mentor. Vous pourrez aussi vous réinscrire plus tard sur ${host}.`,
        ],
        why: [fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous avez demandé un mentor sur ${host}.`],
        ...lines.fr,
      },
      en: {
        heading: en`Hello ${firstName},`,
        paragraphs: [
          en`Since you signed up on Tandem, we have not found a mentor to support you, and we are sorry about it.`,
          en`We do not keep waiting profiles forever: as our privacy policy states, yours will be erased on ${day.en}.`,
          en`To keep it, write to us before that day at ${operator.contactEmail}: we will keep looking for a mentor for you. You can also sign up again later on ${host}.`,
        ],
        why: [en`This message is sent by the ${operator.name}, which runs Tandem, because you asked for a mentor on ${host}.`],
        ...lines.en,
      },
    },
    'retention-notice',
  );
}
