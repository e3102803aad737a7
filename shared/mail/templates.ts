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
import type { Role } from '../domain/people';
import type { OutgoingMail } from '../ports/mailer';

type Rendered = Omit<OutgoingMail, 'to'>;

/** Who sends the mails, from the `mail` configuration group (never hard-coded). */
export interface MailOperator {
  /** Written after "la" in French ("la CCI Aix-Marseille-Provence"). */
  name: string;
  /** Where people write to (a mailbox read by the CCI's team, not the sender address). */
  contactEmail: string;
  /** Postal address, one line. */
  postalAddress: string;
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
const fr = writer('fr');
const en = writer('en');

/** One language's version of a mail. Every string is final (typeset, values in place), not yet escaped. */
interface Version {
  heading: string;
  paragraphs: string[];
  /** The mail's link, announced by the last paragraph: a button in HTML, a line of its own in text. */
  action?: { link: string; button: string; fallback: string };
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
      ...(v.action ? [v.action.link] : []),
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
<p style="margin:0 0 16px;font-size:14px;color:${c.inkSoft}">${escapeHtml(v.action.fallback)}<br>${link(v.action.link, v.action.link)}</p>`
      : '';
    return `<tr><td lang="${l}" style="padding:${i === 0 ? '8px' : '32px'} 24px 24px;${i === 0 ? '' : `border-top:1px solid ${c.lineSoft};`}">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${c.ink}">${escapeHtml(v.heading)}</h1>
${v.paragraphs.map((text) => p(text)).join('\n')}
${action}
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

function render(context: MailContext, locale: Locale, subject: Record<Locale, string>, versions: Record<Locale, Version>, category: string): Rendered {
  const order: readonly Locale[] = locale === 'en' ? ['en', 'fr'] : ['fr', 'en'];
  return { subject: subject[locale], text: renderText(order, versions), html: renderHtml(subject[locale], context.operator.name, order, versions), category };
}

/** What the person signs up for, in words that fit every gender. */
const ROLE_GOAL: Record<Role, Record<Locale, string>> = {
  mentor: { fr: 'pour devenir mentor', en: 'to become a mentor' },
  mentee: { fr: 'pour trouver un mentor', en: 'to find a mentor' },
};

function hostOf(siteUrl: string): string {
  try {
    return new URL(siteUrl).host;
  } catch {
    return siteUrl;
  }
}

/** The footer lines every mail shares after its own "why". */
function contactLines({ operator, siteUrl }: MailContext) {
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
