/**
 * E-mail templates, French first then English (the order follows the person's language).
 * Each returns subject, text and HTML; every value placed in HTML is escaped.
 */
import type { Locale } from '../domain/locale';
import type { Role } from '../domain/people';
import type { OutgoingMail } from '../ports/mailer';

type Rendered = Omit<OutgoingMail, 'to'>;
type Bilingual = Record<Locale, { heading: string; paragraphs: string[]; button?: string; footer?: string }>;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const ROLE_LABEL: Record<Role, Record<Locale, string>> = {
  mentor: { fr: 'mentor', en: 'mentor' },
  mentee: { fr: 'mentoré(e)', en: 'mentee' },
};

function render(locale: Locale, subject: Record<Locale, string>, content: Bilingual, link: string | undefined, category: string): Rendered {
  const order: Locale[] = locale === 'en' ? ['en', 'fr'] : ['fr', 'en'];
  const text = order
    .map((l) => {
      const c = content[l];
      return [c.heading, '', ...c.paragraphs.flatMap((p) => [p, '']), ...(link && c.button ? [`${c.button} : ${link}`, ''] : []), c.footer ?? '']
        .join('\n')
        .trim();
    })
    .join('\n\n— — —\n\n');
  const sections = order
    .map((l) => {
      const c = content[l];
      const button =
        link && c.button
          ? `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#0b5394;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(c.button)}</a></p>`
          : '';
      return `<section lang="${l}" style="margin-bottom:32px">
<h1 style="font-size:20px;color:#0b3a66">${escapeHtml(c.heading)}</h1>
${c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${button}
${c.footer ? `<p style="color:#555;font-size:13px">${escapeHtml(c.footer)}</p>` : ''}
</section>`;
    })
    .join('\n<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">\n');
  const html = `<!doctype html><html lang="${order[0]}"><head><meta charset="utf-8"><title>${escapeHtml(subject[order[0]!])}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:24px">
${sections}
<p style="color:#777;font-size:12px">Tandem — CCI</p>
</body></html>`;
  return { subject: `${subject[order[0]!]} / ${subject[order[1]!]}`, text, html, category };
}

/** Double opt-in: the link opens a page whose button confirms the address. */
export function verificationMail(input: { firstName: string; role: Role; link: string; locale: Locale; validHours: number; reminder: boolean }): Rendered {
  const { firstName, role, link, locale, validHours, reminder } = input;
  return render(
    locale,
    { fr: 'Confirmez votre adresse e-mail', en: 'Confirm your e-mail address' },
    {
      fr: {
        heading: `Bonjour ${firstName},`,
        paragraphs: [
          reminder
            ? `Vous avez déjà commencé votre inscription comme ${ROLE_LABEL[role].fr} sur Tandem. Il ne reste qu'à confirmer votre adresse e-mail.`
            : `Merci pour votre inscription comme ${ROLE_LABEL[role].fr} sur Tandem, le programme de mentorat de la CCI.`,
          `Pour la finaliser, confirmez votre adresse e-mail avec le bouton ci-dessous. Ce lien est valable ${validHours} heures et ne sert qu'une fois.`,
        ],
        button: 'Confirmer mon adresse',
        footer: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans confirmation, l'inscription sera supprimée.",
      },
      en: {
        heading: `Hello ${firstName},`,
        paragraphs: [
          reminder
            ? `You have already started signing up as a ${ROLE_LABEL[role].en} on Tandem. All that is left is to confirm your e-mail address.`
            : `Thank you for signing up as a ${ROLE_LABEL[role].en} on Tandem, the CCI's mentoring programme.`,
          `To complete it, confirm your e-mail address with the button below. This link is valid for ${validHours} hours and works once.`,
        ],
        button: 'Confirm my address',
        footer: 'If you did not ask for this, ignore this message: without confirmation the sign-up will be deleted.',
      },
    },
    link,
    'verify-email',
  );
}

/** Sent to the owner of an address that tries to register again for the same role. */
export function alreadyRegisteredMail(input: { role: Role; locale: Locale }): Rendered {
  const { role, locale } = input;
  return render(
    locale,
    { fr: 'Vous êtes déjà inscrit(e) sur Tandem', en: 'You are already registered on Tandem' },
    {
      fr: {
        heading: 'Bonjour,',
        paragraphs: [
          `Une nouvelle inscription comme ${ROLE_LABEL[role].fr} vient d'être demandée avec cette adresse e-mail, qui est déjà inscrite et confirmée. Nous n'avons rien changé.`,
          "Pour modifier votre profil ou pour toute question, répondez simplement à l'équipe de la CCI qui vous accompagne.",
        ],
        footer: "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message.",
      },
      en: {
        heading: 'Hello,',
        paragraphs: [
          `Someone just asked to sign up as a ${ROLE_LABEL[role].en} with this e-mail address, which is already registered and confirmed. We changed nothing.`,
          'To update your profile or for any question, simply contact the CCI team that supports you.',
        ],
        footer: 'If you did not ask for this, you can ignore this message.',
      },
    },
    undefined,
    'already-registered',
  );
}
