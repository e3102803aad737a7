/**
 * E-mail templates. The subject is in the person's language; the body is in the person's language
 * first, the other one below, each a complete message with its own footer (who sends this, why,
 * what to do if it was not you, contact, privacy policy, postal address). Each template returns
 * subject, text and HTML: the text version reads on its own (no button to refer to), the HTML one
 * uses the site's colours in a table layout mail clients render. Every value placed in HTML is
 * escaped. Our own sentences follow each language's typography (`typeset`); what people typed and
 * URLs are left as they are.
 */
import type { Locale } from '../domain/locale';
import type { StoredReason } from '../domain/matching';
import type { Role } from '../domain/people';
import { EXPERTISE, LANGUAGES, MEETING_MODES, SECTORS, TRACKS, type CodeLabel } from '../domain/reference';
import { EXCLUSION_TEXT } from '../matching/exclusion-text';
import type { ExclusionCode } from '../matching/types';
import type { OutgoingMail } from '../ports/mailer';

/** A rendered mail, before its address. */
export type Rendered = Omit<OutgoingMail, 'to'>;

/** Who sends the mails, from the `mail` configuration group (never hard-coded). */
export interface MailOperator {
  /** Written after "la" in French ("la CCI Aix-Marseille-Provence"). */
  name: string;
  /** Where people write to (a mailbox read by the CCI's team, not the sender address). */
  contactEmail: string;
  /** Postal address, one line. */
  postalAddress: string;
  /** The programme team's mailbox: reports and alerts are sent there (not named in footers). */
  programmeEmail: string;
}

/** What every template needs besides its own input: the operator and the site's public origin. */
export interface MailContext {
  operator: MailOperator;
  /** Public origin of the site, no trailing slash. */
  siteUrl: string;
}

/** The privacy policy page linked from every mail's footer. */
export function privacyPolicyUrl(siteUrl: string): string {
  return `${siteUrl}/confidentialite.html`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';
const NB_HYPHEN = '\u2011';

/**
 * Typography of a sentence we wrote (never of a URL or of what people typed): curly apostrophes and
 * an unbreakable "e-mail" in both languages; in French, a no-break space before `:` and a narrow
 * no-break space before `; ! ?`; in English, no space before them.
 */
export function typeset(locale: Locale, value: string): string {
  const common = value.replace(/'/g, '’').replace(/\b([eE])-mail/g, `$1${NB_HYPHEN}mail`);
  return locale === 'fr'
    ? common.replace(/[ \u00a0\u202f]*:/g, `${NBSP}:`).replace(/[ \u00a0\u202f]*([;!?])/g, `${NARROW_NBSP}$1`)
    : common.replace(/[ \u00a0\u202f]+([:;!?])/g, '$1');
}

/** A template literal whose literal parts are typeset in `locale`; the interpolated values are kept as they are. */
function writer(locale: Locale) {
  return (strings: TemplateStringsArray, ...values: Array<string | number>): string =>
    strings.reduce((out, part, i) => out + typeset(locale, part) + (i < values.length ? String(values[i]) : ''), '');
}
/** Our French and English sentences, typeset (values kept as they are); shared with the other template modules. */
export const fr = writer('fr');
export const en = writer('en');

/** One language's version of a mail. Every string is final (typeset, values in place), not yet escaped. */
export interface Version {
  heading: string;
  paragraphs: string[];
  /** Labelled facts (`label` ends with its colon, typeset), after the paragraphs: a list in both versions. */
  facts?: Array<{ label: string; value: string }>;
  /** A titled list of lines (e.g. why this match), after the facts. */
  list?: { title: string; items: string[] };
  /** The mail's link, announced by the last paragraph: a button in HTML, a line of its own in text. */
  action?: { link: string; button: string; fallback: string };
  /**
   * Several links, one per answer (e.g. accept / decline): a button each in HTML (the first one
   * primary), `label link` lines in text. `label` ends with its colon, typeset.
   */
  choices?: { intro: string; items: Array<{ link: string; button: string; label: string }>; fallback: string };
  /** Paragraphs after the links (e.g. a less frequent link, with its own sentence). */
  notes?: Array<{ text: string; link?: string }>;
  /** Who sends this, why, and what to do if it was not you. */
  why: string[];
  /** Labels end with their colon, typeset. */
  contact: { label: string; email: string };
  privacy: { label: string; url: string };
  /** The operator and its postal address. */
  sender: string;
}

/** Where the other language starts, written in that language. */
const OTHER_VERSION: Record<Locale, string> = { fr: 'Version française ci-dessous.', en: 'English version below.' };

/** The site's palette (web/assets/styles.css), for the HTML version. */
const COLOURS = {
  ink: '#1c2430',
  inkSoft: '#4a5565',
  paper: '#fbf8f3',
  card: '#ffffff',
  lineSoft: '#dfe3e8',
  primary: '#0b5d66',
  accent: '#b23c0a',
} as const;
const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";

function renderText(order: readonly Locale[], versions: Record<Locale, Version>): string {
  const sections = order.map((l) => {
    const v = versions[l];
    return [
      v.heading,
      ...v.paragraphs,
      ...(v.facts ? [v.facts.map((f) => `- ${f.label} ${f.value}`).join('\n')] : []),
      ...(v.list ? [[v.list.title, ...v.list.items.map((item) => `- ${item}`)].join('\n')] : []),
      ...(v.action ? [v.action.link] : []),
      ...(v.choices ? [v.choices.intro, ...v.choices.items.map((c) => `${c.label}\n${c.link}`)] : []),
      ...(v.notes ?? []).map((n) => (n.link ? `${n.text}\n${n.link}` : n.text)),
      ['-'.repeat(24), ...v.why, `${v.contact.label} ${v.contact.email}`, `${v.privacy.label} ${v.privacy.url}`, v.sender].join('\n'),
    ].join('\n\n');
  });
  return `${OTHER_VERSION[order[1]!]}\n\n${sections.join('\n\n— — —\n\n')}\n`;
}

function renderHtml(title: string, operatorName: string, order: readonly Locale[], versions: Record<Locale, Version>): string {
  const c = COLOURS;
  const p = (text: string, style = '') => `<p style="margin:0 0 16px;${style}">${escapeHtml(text)}</p>`;
  const link = (href: string, text: string) => `<a href="${escapeHtml(href)}" style="color:${c.primary};text-decoration:underline">${escapeHtml(text)}</a>`;
  const sections = order.map((l, i) => {
    const v = versions[l];
    const action = v.action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(v.action.link)}" style="background:${c.primary};color:#ffffff;padding:12px 24px;border-radius:10px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(v.action.button)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:${c.inkSoft};word-break:break-all;overflow-wrap:anywhere">${escapeHtml(v.action.fallback)}<br>${link(v.action.link, v.action.link)}</p>`
      : '';
    const facts = v.facts
      ? `<ul style="margin:0 0 16px;padding-left:20px">${v.facts.map((f) => `<li style="margin:0 0 4px"><strong>${escapeHtml(f.label)}</strong> ${escapeHtml(f.value)}</li>`).join('')}</ul>`
      : '';
    const list = v.list
      ? `${p(v.list.title, 'margin-bottom:8px;font-weight:bold')}<ul style="margin:0 0 16px;padding-left:20px">${v.list.items.map((item) => `<li style="margin:0 0 4px">${escapeHtml(item)}</li>`).join('')}</ul>`
      : '';
    const button = (href: string, text: string, primary: boolean) =>
      `<a href="${escapeHtml(href)}" style="${primary ? `background:${c.primary};color:#ffffff;border:2px solid ${c.primary}` : `background:#ffffff;color:${c.primary};border:2px solid ${c.primary}`};padding:10px 20px;border-radius:10px;text-decoration:none;font-weight:bold;display:inline-block;margin:0 8px 8px 0">${escapeHtml(text)}</a>`;
    const choices = v.choices
      ? `${p(v.choices.intro)}<p style="margin:16px 0">${v.choices.items.map((item, k) => button(item.link, item.button, k === 0)).join('\n')}</p>
<p style="margin:0 0 16px;font-size:14px;color:${c.inkSoft}">${escapeHtml(v.choices.fallback)}${v.choices.items.map((item) => `<br>${escapeHtml(item.label)} ${link(item.link, item.link)}`).join('')}</p>`
      : '';
    const notes = (v.notes ?? []).map((n) => `<p style="margin:0 0 16px;font-size:14px;color:${c.inkSoft}">${escapeHtml(n.text)}${n.link ? `<br>${link(n.link, n.link)}` : ''}</p>`).join('\n');
    return `<tr><td lang="${l}" style="padding:${i === 0 ? '8px' : '32px'} 24px 24px;${i === 0 ? '' : `border-top:1px solid ${c.lineSoft};`}">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${c.ink}">${escapeHtml(v.heading)}</h1>
${v.paragraphs.map((text) => p(text)).join('\n')}
${facts}${list}${action}${choices}${notes}
<div style="margin-top:24px;padding-top:16px;border-top:1px solid ${c.lineSoft};font-size:13px;line-height:1.5;color:${c.inkSoft}">
${v.why.map((text) => p(text, 'margin-bottom:8px')).join('\n')}
<p style="margin:0 0 8px">${escapeHtml(v.contact.label)} ${link(`mailto:${v.contact.email}`, v.contact.email)}<br>${escapeHtml(v.privacy.label)} ${link(v.privacy.url, v.privacy.url)}</p>
${p(v.sender, 'margin:0')}
</div>
</td></tr>`;
  });
  return `<!doctype html>
<html lang="${order[0]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:${c.paper}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${c.paper}"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:${c.card};border:1px solid ${c.lineSoft};border-top:4px solid ${c.primary};border-radius:10px;font-family:${FONT};font-size:16px;line-height:1.55;color:${c.ink}">
<tr><td style="padding:20px 24px 0"><p style="margin:0;font-size:20px;font-weight:bold;color:${c.primary}">Tandem <span style="font-size:14px;font-weight:normal;color:${c.accent}">${escapeHtml(operatorName)}</span></p>
<p lang="${order[1]}" style="margin:4px 0 0;font-size:13px;color:${c.inkSoft}">${escapeHtml(OTHER_VERSION[order[1]!])}</p></td></tr>
${sections.join('\n')}
</table>
</td></tr></table>
</body></html>`;
}

/** Lays a mail out: subject in `locale`, both versions (`locale` first) in text and HTML. */
export function render(context: MailContext, locale: Locale, subject: Record<Locale, string>, versions: Record<Locale, Version>, category: string): Rendered {
  const order: readonly Locale[] = locale === 'en' ? ['en', 'fr'] : ['fr', 'en'];
  return { subject: subject[locale], text: renderText(order, versions), html: renderHtml(subject[locale], context.operator.name, order, versions), category };
}

/** What the person signs up for, in words that fit every gender. */
const ROLE_GOAL: Record<Role, Record<Locale, string>> = {
  mentor: { fr: 'pour devenir mentor', en: 'to become a mentor' },
  mentee: { fr: 'pour trouver un mentor', en: 'to find a mentor' },
};

export function hostOf(siteUrl: string): string {
  try {
    return new URL(siteUrl).host;
  } catch {
    return siteUrl;
  }
}

/** The footer lines every mail shares after its own "why". */
export function contactLines({ operator, siteUrl }: MailContext) {
  const privacy = privacyPolicyUrl(siteUrl);
  return {
    fr: {
      contact: { label: fr`Contact :`, email: operator.contactEmail },
      privacy: { label: fr`Vos données personnelles :`, url: privacy },
      sender: `${operator.name}, ${operator.postalAddress}`,
    },
    en: {
      contact: { label: en`Contact:`, email: operator.contactEmail },
      privacy: { label: en`Your personal data:`, url: privacy },
      sender: `${operator.name}, ${operator.postalAddress}`,
    },
  };
}

/** Double opt-in: the link opens a page whose button confirms the address. */
export function verificationMail(
  input: { firstName: string; role: Role; link: string; locale: Locale; validHours: number; reminder: boolean } & MailContext,
): Rendered {
  const { firstName, role, link, locale, validHours, reminder, operator, siteUrl } = input;
  const host = hostOf(siteUrl);
  const lines = contactLines(input);
  return render(
    input,
    locale,
    { fr: fr`Confirmez votre adresse e-mail`, en: en`Confirm your e-mail address` },
    {
      fr: {
        heading: fr`Bonjour ${firstName},`,
        paragraphs: [
          reminder
            ? fr`Vous avez déjà commencé votre inscription sur Tandem ${ROLE_GOAL[role].fr} : il ne reste qu'à confirmer votre adresse e-mail.`
            : fr`Merci pour votre inscription sur Tandem, le programme de mentorat de la ${operator.name}, ${ROLE_GOAL[role].fr}.`,
          fr`Pour la finaliser, confirmez votre adresse e-mail en ouvrant le lien ci-dessous. Il est valable ${validHours} heures et ne sert qu'une fois.`,
        ],
        action: {
          link,
          button: fr`Confirmer mon adresse e-mail`,
          fallback: fr`Le bouton ne s'ouvre pas ? Copiez ce lien dans votre navigateur :`,
        },
        why: [
          fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que cette adresse e-mail vient de servir à une inscription sur ${host}.`,
          fr`Si ce n'est pas vous, ignorez simplement ce message : sans le lien, rien n'est confirmé, et l'inscription sera supprimée.`,
        ],
        ...lines.fr,
      },
      en: {
        heading: en`Hello ${firstName},`,
        paragraphs: [
          reminder
            ? en`You have already started signing up on Tandem ${ROLE_GOAL[role].en}: all that is left is to confirm your e-mail address.`
            : en`Thank you for signing up on Tandem, the mentoring programme run by the ${operator.name}, ${ROLE_GOAL[role].en}.`,
          en`To complete it, confirm your e-mail address by opening the link below. It is valid for ${validHours} hours and works once.`,
        ],
        action: {
          link,
          button: en`Confirm my e-mail address`,
          fallback: en`Button not working? Copy this link into your browser:`,
        },
        why: [
          en`This message is sent by the ${operator.name}, which runs Tandem, because this e-mail address was just used to sign up on ${host}.`,
          en`If it was not you, simply ignore this message: nothing is confirmed without the link, and the sign-up will be deleted.`,
        ],
        ...lines.en,
      },
    },
    'verify-email',
  );
}

/** Sent to the owner of an address that tries to register again for the same role. */
export function alreadyRegisteredMail(input: { role: Role; locale: Locale } & MailContext): Rendered {
  const { role, locale, operator, siteUrl } = input;
  const host = hostOf(siteUrl);
  const lines = contactLines(input);
  return render(
    input,
    locale,
    { fr: fr`Votre adresse est déjà inscrite sur Tandem`, en: en`Your address is already registered on Tandem` },
    {
      fr: {
        heading: fr`Bonjour,`,
        paragraphs: [
          fr`Une nouvelle inscription sur Tandem ${ROLE_GOAL[role].fr} vient d'être demandée avec cette adresse e-mail, qui est déjà inscrite et confirmée. Nous n'avons rien changé.`,
          fr`Pour modifier votre profil ou pour toute question, écrivez-nous à ${operator.contactEmail}.`,
        ],
        why: [
          fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que cette adresse e-mail vient d'être saisie dans le formulaire d'inscription de ${host}.`,
          fr`Si ce n'est pas vous, ignorez simplement ce message : rien n'a été modifié.`,
        ],
        ...lines.fr,
      },
      en: {
        heading: en`Hello,`,
        paragraphs: [
          en`Someone just asked to sign up on Tandem ${ROLE_GOAL[role].en} with this e-mail address, which is already registered and confirmed. We changed nothing.`,
          en`To update your profile or for any question, write to us at ${operator.contactEmail}.`,
        ],
        why: [
          en`This message is sent by the ${operator.name}, which runs Tandem, because this e-mail address was just entered in the sign-up form on ${host}.`,
          en`If it was not you, simply ignore this message: nothing has been changed.`,
        ],
        ...lines.en,
      },
    },
    'already-registered',
  );
}

// ── Matching: the proposal to a mentor, the introductions, the reports to the CCI ────────────

/** A code's label in `locale`; the code itself when unknown (never an empty line). */
function labelOf(list: readonly CodeLabel[], code: string, locale: Locale): string {
  const label = list.find((x) => x.code === code)?.label[locale];
  return label ? typeset(locale, label) : code;
}
/** "a, b et c" / "a, b and c". */
function joinList(locale: Locale, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const and = locale === 'fr' ? 'et' : 'and';
  // Labels that hold "et" themselves ("Financement et levée de fonds") would run together: a semicolon list then.
  if (items.some((item) => new RegExp(`\\b${and}\\b`).test(item))) return items.join(locale === 'fr' ? '\u202f; ' : '; ');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)!}`;
}
/** A label inside a sentence: first letter lower-cased unless it starts an acronym ("CV, lettre…"). */
const inSentence = (s: string) => (/^\p{Lu}{2}/u.test(s) ? s : s.charAt(0).toLocaleLowerCase('fr') + s.slice(1));

/** When a proposal lapses, in the programme's time zone, in words ("mardi 8 décembre 2026 à 14:00"). */
export function formatDeadline(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}
/** A day in words, in the programme's time zone ("3 mars 2027"). */
export function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

/** What the mentee is looking for, as the end of "… cherche un mentor pour …". */
const TRACK_GOAL: Record<string, Record<Locale, string>> = {
  job_search: { fr: 'sa recherche d’emploi', en: 'their job search' },
  business_creation: { fr: 'son projet de création ou de reprise d’entreprise', en: 'their plan to start or take over a business' },
};
const trackGoal = (track: string, locale: Locale) => TRACK_GOAL[track]?.[locale] ?? labelOf(TRACKS, track, locale);

/** The mentee as a proposal shows it: no last name, no e-mail, no phone, no address. */
export interface ProposedMentee {
  firstName: string;
  track: string;
  sector: string;
  needs: readonly string[];
  /** The postal code, with the commune's name when the caller has it (the mail consumer carries no communes data). */
  place: { postalCode: string; communeName?: string };
  meetingModes: readonly string[];
  languages: readonly string[];
}

export interface ProposalLinks {
  accept: string;
  decline: string;
  declineAndPause: string;
  /** "Reactivate my availability", for after a pause. */
  reactivate: string;
}

function placeOf(place: ProposedMentee['place']): string {
  return place.communeName ? `${place.communeName} (${place.postalCode})` : place.postalCode;
}

function menteeFacts(m: ProposedMentee, locale: Locale): Array<{ label: string; value: string }> {
  const w = locale === 'fr' ? fr : en;
  // Names of languages keep their capital in English.
  const labels = (list: readonly CodeLabel[], codes: readonly string[]) =>
    joinList(locale, codes.map((c, i) => (i === 0 || (locale === 'en' && list === LANGUAGES) ? labelOf(list, c, locale) : inSentence(labelOf(list, c, locale)))));
  return locale === 'fr'
    ? [
        { label: w`Parcours :`, value: labelOf(TRACKS, m.track, locale) },
        { label: w`Secteur :`, value: labelOf(SECTORS, m.sector, locale) },
        { label: w`Besoins :`, value: labels(EXPERTISE, m.needs) },
        { label: w`Lieu :`, value: placeOf(m.place) },
        { label: w`Rencontres :`, value: labels(MEETING_MODES, m.meetingModes) },
        { label: w`Langues :`, value: labels(LANGUAGES, m.languages) },
      ]
    : [
        { label: w`Track:`, value: labelOf(TRACKS, m.track, locale) },
        { label: w`Sector:`, value: labelOf(SECTORS, m.sector, locale) },
        { label: w`Needs:`, value: labels(EXPERTISE, m.needs) },
        { label: w`Place:`, value: placeOf(m.place) },
        { label: w`Meetings:`, value: labels(MEETING_MODES, m.meetingModes) },
        { label: w`Languages:`, value: labels(LANGUAGES, m.languages) },
      ];
}

/**
 * A proposal to a mentor (or its one reminder): who the mentee is — first name, track, sector,
 * needs, commune, meeting modes, languages; never a last name, an e-mail address or a phone
 * number — why this match, until when to answer, and one link per answer (accept, decline,
 * decline and pause), plus the link to reactivate one's availability after a pause.
 */
export function proposalMail(
  input: {
    mentorFirstName: string;
    locale: Locale;
    mentee: ProposedMentee;
    reasons: readonly StoredReason[];
    expiresAt: string;
    links: ProposalLinks;
    reminder: boolean;
    reactivationDays: number;
  } & MailContext,
): Rendered {
  const { mentorFirstName, locale, mentee, reasons, expiresAt, links, reminder, reactivationDays, operator } = input;
  const name = mentee.firstName;
  const lines = contactLines(input);
  const deadline = { fr: formatDeadline(expiresAt, 'fr'), en: formatDeadline(expiresAt, 'en') };
  const track = { fr: inSentence(labelOf(TRACKS, mentee.track, 'fr')), en: inSentence(labelOf(TRACKS, mentee.track, 'en')) };
  return render(
    input,
    locale,
    reminder
      ? { fr: fr`Rappel : ${name} attend votre réponse`, en: en`Reminder: ${name} is waiting for your answer` }
      : { fr: fr`Proposition de mentorat : ${name}, ${track.fr}`, en: en`Mentoring proposal: ${name}, ${track.en}` },
    {
      fr: {
        heading: fr`Bonjour ${mentorFirstName},`,
        paragraphs: [
          reminder
            ? fr`Il y a quelques jours, nous vous avons proposé d'accompagner ${name}, qui cherche un mentor pour ${trackGoal(mentee.track, 'fr')}. Nous n'avons pas encore votre réponse.`
            : fr`Une personne inscrite sur Tandem pourrait profiter de votre expérience : ${name} cherche un mentor pour ${trackGoal(mentee.track, 'fr')}.`,
          fr`Voici ce que ${name} nous a dit :`,
        ],
        facts: menteeFacts(mentee, 'fr'),
        ...(reasons.length ? { list: { title: fr`Pourquoi nous pensons à vous :`, items: reasons.map((r) => typeset('fr', r.text.fr)) } } : {}),
        choices: {
          intro: fr`Merci de répondre avant le ${deadline.fr} (heure de Paris) : sans réponse, nous proposerons ${name} à un autre mentor.`,
          items: [
            { link: links.accept, button: fr`Accepter`, label: fr`Pour accepter :` },
            { link: links.decline, button: fr`Décliner`, label: fr`Pour décliner :` },
            { link: links.declineAndPause, button: fr`Décliner et suspendre mes disponibilités`, label: fr`Pour décliner et ne plus recevoir de propositions pour l'instant :` },
          ],
          fallback: fr`Les boutons ne s'ouvrent pas ? Copiez le lien de votre réponse dans votre navigateur :`,
        },
        notes: [
          { text: fr`Si vous acceptez, vous recevrez par e-mail les coordonnées de ${name}, qui recevra les vôtres : nous ne les transmettons qu'après votre accord.` },
          {
            text: fr`Après avoir suspendu vos disponibilités, vous ne recevez plus de propositions. Pour les réactiver plus tard, ouvrez ce lien (valable ${reactivationDays} jours) ou écrivez-nous :`,
            link: links.reactivate,
          },
        ],
        why: [
          fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous êtes mentor bénévole de Tandem et disponible pour accompagner une personne.`,
          fr`Ces informations sur ${name} vous sont confiées pour décider : merci de ne pas les transmettre.`,
        ],
        ...lines.fr,
      },
      en: {
        heading: en`Hello ${mentorFirstName},`,
        paragraphs: [
          reminder
            ? en`A few days ago we asked whether you could support ${name}, who is looking for a mentor for ${trackGoal(mentee.track, 'en')}. We have not had your answer yet.`
            : en`Someone who signed up on Tandem could benefit from your experience: ${name} is looking for a mentor for ${trackGoal(mentee.track, 'en')}.`,
          en`Here is what ${name} told us:`,
        ],
        facts: menteeFacts(mentee, 'en'),
        ...(reasons.length ? { list: { title: en`Why we thought of you:`, items: reasons.map((r) => typeset('en', r.text.en)) } } : {}),
        choices: {
          intro: en`Please answer by ${deadline.en} (Paris time): without an answer, we will propose ${name} to another mentor.`,
          items: [
            { link: links.accept, button: en`Accept`, label: en`To accept:` },
            { link: links.decline, button: en`Decline`, label: en`To decline:` },
            { link: links.declineAndPause, button: en`Decline and pause my availability`, label: en`To decline and receive no more proposals for now:` },
          ],
          fallback: en`Buttons not working? Copy the link of your answer into your browser:`,
        },
        notes: [
          { text: en`If you accept, you will receive ${name}'s contact details by e-mail, and ${name} will receive yours: we share them only once you agree.` },
          {
            text: en`Once you have paused your availability, you receive no more proposals. To reactivate it later, open this link (valid for ${reactivationDays} days) or write to us:`,
            link: links.reactivate,
          },
        ],
        why: [
          en`This message is sent by the ${operator.name}, which runs Tandem, because you are a volunteer mentor on Tandem and available to support someone.`,
          en`This information about ${name} is shared with you so that you can decide: please do not pass it on.`,
        ],
        ...lines.en,
      },
    },
    reminder ? 'proposal-reminder' : 'proposal',
  );
}

/** A person of a tandem, as the introductions name them. */
export interface TandemMember {
  firstName: string;
  lastName: string;
  email: string;
}

/**
 * The tandem exists: each member gets the other's name and e-mail address (the point of an
 * introduction); the referring partner gets both names and no address (it follows its mentee,
 * the mentor is reached through the CCI).
 */
export function introductionMail(
  input: {
    to: 'mentor' | 'mentee' | 'partner';
    locale: Locale;
    mentor: TandemMember & { jobTitle?: string | undefined; company?: string | undefined };
    mentee: TandemMember;
    track: string;
    startedAt: string;
  } & MailContext,
): Rendered {
  const { to, locale, mentor, mentee, track, startedAt, operator } = input;
  const lines = contactLines(input);
  const mentorName = `${mentor.firstName} ${mentor.lastName}`;
  const menteeName = `${mentee.firstName} ${mentee.lastName}`;
  const role = [mentor.jobTitle, mentor.company].filter((x): x is string => Boolean(x)).join(', ');
  const day = { fr: formatDay(startedAt, 'fr'), en: formatDay(startedAt, 'en') };
  const versions: Record<'mentor' | 'mentee' | 'partner', Record<Locale, Version>> = {
    mentor: {
      fr: {
        heading: fr`Bonjour ${mentor.firstName},`,
        paragraphs: [
          fr`Merci d'avoir accepté d'accompagner ${menteeName} dans ${trackGoal(track, 'fr')} : votre tandem commence aujourd'hui.`,
          fr`Voici ses coordonnées ; ${mentee.firstName} a reçu les vôtres :`,
        ],
        facts: [
          { label: fr`Nom :`, value: menteeName },
          { label: fr`E-mail :`, value: mentee.email },
        ],
        notes: [
          { text: fr`Nous vous proposons d'écrire à ${mentee.firstName} dans la semaine pour convenir d'un premier rendez-vous.` },
          { text: fr`La ${operator.name} suit votre tandem et reste à votre disposition : ${operator.contactEmail}.` },
        ],
        why: [fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous avez accepté une proposition de mentorat.`],
        ...lines.fr,
      },
      en: {
        heading: en`Hello ${mentor.firstName},`,
        paragraphs: [
          en`Thank you for agreeing to support ${menteeName} in ${trackGoal(track, 'en')}: your tandem starts today.`,
          en`Here are their contact details; ${mentee.firstName} has received yours:`,
        ],
        facts: [
          { label: en`Name:`, value: menteeName },
          { label: en`E-mail:`, value: mentee.email },
        ],
        notes: [
          { text: en`We suggest you write to ${mentee.firstName} within the week to arrange a first meeting.` },
          { text: en`The ${operator.name} follows your tandem and is there for any question: ${operator.contactEmail}.` },
        ],
        why: [en`This message is sent by the ${operator.name}, which runs Tandem, because you accepted a mentoring proposal.`],
        ...lines.en,
      },
    },
    mentee: {
      fr: {
        heading: fr`Bonjour ${mentee.firstName},`,
        paragraphs: [
          fr`Bonne nouvelle : ${mentorName} a accepté de vous accompagner dans ${trackGoal(track, 'fr').replace(/^s(a|on) /, 'votre ')}.`,
          fr`Voici ses coordonnées ; ${mentor.firstName} a reçu les vôtres :`,
        ],
        facts: [
          { label: fr`Nom :`, value: mentorName },
          ...(role ? [{ label: fr`Fonction :`, value: role }] : []),
          { label: fr`E-mail :`, value: mentor.email },
        ],
        notes: [
          { text: fr`${mentor.firstName} va vous écrire dans les prochains jours pour convenir d'un premier rendez-vous. Vous pouvez aussi lui écrire directement.` },
          { text: fr`La ${operator.name} suit votre tandem et reste à votre disposition : ${operator.contactEmail}.` },
        ],
        why: [fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous avez demandé un mentor sur Tandem.`],
        ...lines.fr,
      },
      en: {
        heading: en`Hello ${mentee.firstName},`,
        paragraphs: [
          en`Good news: ${mentorName} has agreed to support you in ${trackGoal(track, 'en').replace(/^their /, 'your ')}.`,
          en`Here are their contact details; ${mentor.firstName} has received yours:`,
        ],
        facts: [
          { label: en`Name:`, value: mentorName },
          ...(role ? [{ label: en`Position:`, value: role }] : []),
          { label: en`E-mail:`, value: mentor.email },
        ],
        notes: [
          { text: en`${mentor.firstName} will write to you in the next few days to arrange a first meeting. You can also write to them directly.` },
          { text: en`The ${operator.name} follows your tandem and is there for any question: ${operator.contactEmail}.` },
        ],
        why: [en`This message is sent by the ${operator.name}, which runs Tandem, because you signed up on Tandem to find a mentor.`],
        ...lines.en,
      },
    },
    partner: {
      fr: {
        heading: fr`Bonjour,`,
        paragraphs: [
          fr`${menteeName}, que vous avez orienté vers Tandem, a désormais un mentor : ${mentorName}. Leur tandem a commencé le ${day.fr}.`,
          fr`Ils ont reçu les coordonnées l'un de l'autre. Pour toute question sur ce tandem, écrivez à la ${operator.name} : ${operator.contactEmail}.`,
        ],
        why: [fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que votre structure a orienté cette personne vers le programme.`],
        ...lines.fr,
      },
      en: {
        heading: en`Hello,`,
        paragraphs: [
          en`${menteeName}, whom you referred to Tandem, now has a mentor: ${mentorName}. Their tandem started on ${day.en}.`,
          en`They have received each other's contact details. For any question about this tandem, write to the ${operator.name}: ${operator.contactEmail}.`,
        ],
        why: [en`This message is sent by the ${operator.name}, which runs Tandem, because your organisation referred this person to the programme.`],
        ...lines.en,
      },
    },
  };
  const subjects: Record<'mentor' | 'mentee' | 'partner', Record<Locale, string>> = {
    mentor: { fr: fr`Votre tandem avec ${menteeName} commence`, en: en`Your tandem with ${menteeName} starts` },
    mentee: { fr: fr`Vous avez un mentor : ${mentorName}`, en: en`You have a mentor: ${mentorName}` },
    partner: { fr: fr`${menteeName} a un mentor`, en: en`${menteeName} has a mentor` },
  };
  return render(input, locale, subjects[to], versions[to], `introduction-${to}`);
}

/** "1 mentor propose" / "12 mentors proposent": the noun and the verb agree with the count. */
function mentors(locale: Locale, n: number, verb: { fr: [string, string]; en: [string, string] }): string {
  const [one, many] = verb[locale];
  return locale === 'fr' ? `${n} mentor${n > 1 ? 's' : ''} ${n > 1 ? many : one}` : `${n} mentor${n === 1 ? '' : 's'} ${n === 1 ? one : many}`;
}

/**
 * Nobody could be found for a mentee in an attempt: the counts of why, to the CCI (with the
 * mentee's id, to find the file) and to the referring partner (without it). No personal data but
 * the mentee's first name. Always French first: the recipients are French organisations.
 */
export function unmatchedReportMail(
  input: {
    to: 'programme' | 'partner';
    menteeId: string;
    firstName: string;
    track: string;
    attempt: number;
    considered: number;
    compatible: number;
    proposed: number;
    excluded: Readonly<Record<string, number>>;
  } & MailContext,
): Rendered {
  const { to, menteeId, firstName, track, attempt, considered, compatible, proposed, excluded, operator, siteUrl } = input;
  const lines = contactLines(input);
  const trackLabel = { fr: inSentence(labelOf(TRACKS, track, 'fr')), en: inSentence(labelOf(TRACKS, track, 'en')) };
  const exclusions = Object.entries(excluded)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const exclusionLabel = (code: string, locale: Locale) => (code in EXCLUSION_TEXT ? EXCLUSION_TEXT[code as ExclusionCode][locale] : code);
  const counts = (locale: Locale) =>
    locale === 'fr'
      ? fr`${mentors('fr', considered, { fr: ['propose', 'proposent'], en: ['', ''] })} l'accompagnement «\u00a0${trackLabel.fr}\u00a0» à sa portée (même département ou à distance) ; ${compatible} ${compatible > 1 ? 'remplissent' : 'remplit'} toutes les conditions ; ${proposed} ${proposed > 1 ? 'ont' : 'a'} reçu la proposition sans l'accepter (refus, pas de réponse à temps ou plus de place).`
      : en`${mentors('en', considered, { fr: ['', ''], en: ['offers', 'offer'] })} ${trackLabel.en} support within reach (same département or remote); ${compatible} ${compatible === 1 ? 'meets' : 'meet'} every condition; ${proposed} ${proposed === 1 ? 'was' : 'were'} proposed the match without accepting it (declined, no answer in time or no place left).`;
  const ids = (locale: Locale) =>
    to === 'programme'
      ? [
          { label: locale === 'fr' ? fr`Identifiant de la personne accompagnée :` : en`Mentee id:`, value: menteeId },
          { label: locale === 'fr' ? fr`Tour :` : en`Attempt:`, value: String(attempt) },
        ]
      : [];
  const version = (locale: Locale): Version => {
    return {
      heading: locale === 'fr' ? fr`Bonjour,` : en`Hello,`,
      paragraphs: [
        locale === 'fr'
          ? fr`Nous n'avons trouvé aucun mentor pour ${firstName} (${trackLabel.fr}) lors de ce tour de mise en relation.`
          : en`We found no mentor for ${firstName} (${trackLabel.en}) in this matching attempt.`,
        counts(locale),
      ],
      ...(ids(locale).length ? { facts: ids(locale) } : {}),
      list: {
        title: locale === 'fr' ? fr`Mentors écartés, par raison :` : en`Mentors left out, by reason:`,
        items: exclusions.length
          ? exclusions.map(([code, n]) => `${typeset(locale, `${exclusionLabel(code, locale)} :`)} ${n}`)
          : [locale === 'fr' ? fr`aucun mentor écarté par une règle` : en`no mentor left out by a rule`],
      },
      notes: [
        {
          text:
            locale === 'fr'
              ? fr`Nous réessaierons automatiquement dès qu'un mentor se libère ou s'inscrit, au plus une fois par jour. Une personne de votre entourage qui a de l'expérience professionnelle peut devenir mentor sur ${hostOf(siteUrl)}.`
              : en`We will try again automatically as soon as a mentor has a free place or signs up, at most once a day. A professional you know can become a mentor on ${hostOf(siteUrl)}.`,
        },
      ],
      why: [
        to === 'programme'
          ? locale === 'fr'
            ? fr`Ce rapport est envoyé à l'équipe de la ${operator.name} qui anime Tandem.`
            : en`This report is sent to the ${operator.name} team that runs Tandem.`
          : locale === 'fr'
            ? fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que votre structure a orienté cette personne vers le programme.`
            : en`This message is sent by the ${operator.name}, which runs Tandem, because your organisation referred this person to the programme.`,
      ],
      ...lines[locale],
    };
  };
  return render(
    input,
    'fr',
    { fr: fr`Aucun mentor trouvé pour ${firstName}`, en: en`No mentor found for ${firstName}` },
    { fr: version('fr'), en: version('en') },
    'unmatched-report',
  );
}

/** The matching workflow broke for a mentee: the CCI is alerted with the error's name only. */
export function matchingFailedMail(input: { menteeId: string; attempt: number; errorName: string } & MailContext): Rendered {
  const { menteeId, attempt, errorName, operator } = input;
  const lines = contactLines(input);
  const execution = `${menteeId}-${attempt}`;
  return render(
    input,
    'fr',
    { fr: fr`Alerte Tandem : une mise en relation a échoué`, en: en`Tandem alert: a matching attempt failed` },
    {
      fr: {
        heading: fr`Bonjour,`,
        paragraphs: [
          fr`La recherche d'un mentor s'est interrompue sur une erreur. La personne accompagnée est passée au statut «\u00a0échec de mise en relation\u00a0» et ne sera pas relancé automatiquement.`,
        ],
        facts: [
          { label: fr`Identifiant de la personne accompagnée :`, value: menteeId },
          { label: fr`Tour :`, value: String(attempt) },
          { label: fr`Erreur :`, value: errorName },
          { label: fr`Exécution :`, value: execution },
        ],
        notes: [{ text: fr`Consultez les journaux de cette exécution, corrigez la cause, puis relancez la mise en relation de cette personne.` }],
        why: [fr`Cette alerte est envoyée à l'équipe de la ${operator.name} qui anime Tandem.`],
        ...lines.fr,
      },
      en: {
        heading: en`Hello,`,
        paragraphs: [en`The search for a mentor stopped on an error. The mentee is now in the "matching failed" status and will not be retried automatically.`],
        facts: [
          { label: en`Mentee id:`, value: menteeId },
          { label: en`Attempt:`, value: String(attempt) },
          { label: en`Error:`, value: errorName },
          { label: en`Execution:`, value: execution },
        ],
        notes: [{ text: en`Check this execution's logs, fix the cause, then start the matching of this mentee again.` }],
        why: [en`This alert is sent to the ${operator.name} team that runs Tandem.`],
        ...lines.en,
      },
    },
    'matching-failed',
  );
}

// ── The CCI's decisions on a mentor's profile ────────────────────────────────────────────────

/** The CCI validated a mentor's profile: what happens next (proposals by e-mail, free to answer), and whom to write to. */
export function mentorValidatedMail(input: { firstName: string; capacity: number; locale: Locale } & MailContext): Rendered {
  const { firstName, capacity, locale, operator, siteUrl } = input;
  const host = hostOf(siteUrl);
  const lines = contactLines(input);
  const people = { fr: `${capacity}${NBSP}personne${capacity > 1 ? 's' : ''}`, en: `${capacity} ${capacity > 1 ? 'people' : 'person'}` };
  return render(
    input,
    locale,
    { fr: fr`Votre profil de mentor est validé`, en: en`Your mentor profile is approved` },
    {
      fr: {
        heading: fr`Bonjour ${firstName},`,
        paragraphs: [
          fr`Bonne nouvelle : la ${operator.name} a validé votre profil de mentor sur Tandem. Merci de donner de votre temps et de votre expérience.`,
          fr`Vous recevrez désormais par e-mail des propositions de mise en relation avec des personnes que votre profil peut aider. Chaque proposition présente la personne, sans ses coordonnées, et explique pourquoi nous pensons à vous ; vous êtes libre d'accepter ou de refuser, et elle indique jusqu'à quand répondre.`,
          fr`Vous accompagnerez au plus ${people.fr} à la fois.`,
        ],
        notes: [{ text: fr`Pour modifier votre profil, suspendre vos disponibilités ou pour toute question, écrivez-nous à ${operator.contactEmail}.` }],
        why: [fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous avez proposé de devenir mentor sur ${host}.`],
        ...lines.fr,
      },
      en: {
        heading: en`Hello ${firstName},`,
        paragraphs: [
          en`Good news: the ${operator.name} has approved your mentor profile on Tandem. Thank you for giving your time and experience.`,
          en`From now on you will receive matching proposals by e-mail, for people your profile can help. Each proposal presents the person, without their contact details, and explains why we thought of you; you are free to accept or decline, and it says by when to answer.`,
          en`You will support at most ${people.en} at a time.`,
        ],
        notes: [{ text: en`To change your profile, pause your availability or for any question, write to us at ${operator.contactEmail}.` }],
        why: [en`This message is sent by the ${operator.name}, which runs Tandem, because you offered to become a mentor on ${host}.`],
        ...lines.en,
      },
    },
    'mentor-validated',
  );
}

/**
 * The CCI did not retain a mentor's profile: a kind note that thanks the person and gives the
 * CCI's contact. The reason the CCI recorded is its own: it is never written here.
 */
export function mentorRefusedMail(input: { firstName: string; locale: Locale } & MailContext): Rendered {
  const { firstName, locale, operator, siteUrl } = input;
  const host = hostOf(siteUrl);
  const lines = contactLines(input);
  return render(
    input,
    locale,
    { fr: fr`Votre inscription comme mentor sur Tandem`, en: en`Your mentor sign-up on Tandem` },
    {
      fr: {
        heading: fr`Bonjour ${firstName},`,
        paragraphs: [
          fr`Merci d'avoir proposé de devenir mentor sur Tandem, le programme de mentorat de la ${operator.name}, et du temps que vous avez consacré à votre inscription.`,
          fr`Après examen, nous ne pouvons pas retenir votre profil pour le moment. Nous savons que cette réponse peut décevoir, et nous vous remercions sincèrement de l'intérêt que vous portez au programme.`,
          fr`Si vous souhaitez en parler ou en savoir plus, écrivez-nous à ${operator.contactEmail} : nous vous répondrons avec plaisir.`,
        ],
        why: [fr`Ce message vous est envoyé par la ${operator.name}, qui organise Tandem, parce que vous avez proposé de devenir mentor sur ${host}.`],
        ...lines.fr,
      },
      en: {
        heading: en`Hello ${firstName},`,
        paragraphs: [
          en`Thank you for offering to become a mentor on Tandem, the mentoring programme run by the ${operator.name}, and for the time you spent signing up.`,
          en`Having reviewed it, we are not able to take your profile on for now. We know this answer may disappoint, and we sincerely thank you for your interest in the programme.`,
          en`If you would like to talk about it or know more, write to us at ${operator.contactEmail}: we will be glad to answer.`,
        ],
        why: [en`This message is sent by the ${operator.name}, which runs Tandem, because you offered to become a mentor on ${host}.`],
        ...lines.en,
      },
    },
    'mentor-refused',
  );
}
