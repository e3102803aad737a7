import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/domain/locale';
import type { Role } from '../../shared/domain/people';
import { alreadyRegisteredMail, escapeHtml, typeset, verificationMail } from '../../shared/mail/templates';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';

const link = 'https://tandem.example/verify.html#token=abc.def.ghi';
const privacy = 'https://tandem.example/confidentialite.html';

const verification = (locale: Locale, options: { firstName?: string; role?: Role; reminder?: boolean } = {}) =>
  verificationMail({ firstName: 'Camille', role: 'mentor', link, locale, validHours: 48, reminder: false, ...options, ...TEST_MAIL_CONTEXT });
const alreadyRegistered = (locale: Locale, role: Role = 'mentee') => alreadyRegisteredMail({ role, locale, ...TEST_MAIL_CONTEXT });

/** Every mail, in both orders, as the tests below go through them. */
const ALL = (['fr', 'en'] as const).flatMap((locale) => [
  { name: `verification (${locale})`, mail: verification(locale) },
  { name: `reminder (${locale})`, mail: verification(locale, { role: 'mentee', reminder: true }) },
  { name: `already registered (${locale})`, mail: alreadyRegistered(locale) },
]);

/** What a reader sees of the HTML version: no tags, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
}

/** One language's part of each version: the text split at its separator, the HTML section marked with `lang`. */
function parts(mail: { text: string; html: string }, locale: Locale): { text: string; html: string } {
  const [first, second] = mail.text.split('\n\n— — —\n\n');
  const firstIsFrench = /Bonjour/.test(first!);
  const section = mail.html.match(new RegExp(`<td lang="${locale}"[^>]*>([\\s\\S]*?)</td>`))?.[1];
  expect(section, `HTML section in ${locale}`).toBeDefined();
  return { text: (locale === 'fr') === firstIsFrench ? first! : second!, html: visible(section!) };
}

const withoutUrls = (value: string) => value.replace(/https?:\/\/\S+/g, ' ');

describe('e-mail templates', () => {
  it('writes the subject in the person’s language only', () => {
    expect(verification('fr').subject).toBe('Confirmez votre adresse e\u2011mail');
    expect(verification('en').subject).toBe('Confirm your e\u2011mail address');
    expect(alreadyRegistered('fr').subject).toBe('Votre adresse est déjà inscrite sur Tandem');
    expect(alreadyRegistered('en').subject).toBe('Your address is already registered on Tandem');
  });

  it('writes the body in the person’s language first and the other one below, in both versions', () => {
    const fr = verification('fr');
    const en = verification('en');
    expect(fr.text.indexOf('Bonjour')).toBeLessThan(fr.text.indexOf('Hello'));
    expect(en.text.indexOf('Hello')).toBeLessThan(en.text.indexOf('Bonjour'));
    expect(fr.html.indexOf('lang="fr"', fr.html.indexOf('<body'))).toBeLessThan(fr.html.indexOf('<td lang="en"'));
    expect(en.html.indexOf('<td lang="en"')).toBeLessThan(en.html.indexOf('<td lang="fr"'));
    expect(fr.text.startsWith('English version below.')).toBe(true);
    expect(en.text.startsWith('Version française ci-dessous.')).toBe(true);
    expect(fr.html).toContain('<html lang="fr">');
    expect(en.html).toContain('<html lang="en">');
  });

  it('gives a text version that reads on its own: the full link on a line of its own, no button to look for', () => {
    for (const locale of ['fr', 'en'] as const) {
      const mail = verification(locale);
      expect(mail.text).not.toMatch(/bouton|button/i);
      expect(mail.text.split('\n').filter((line) => line === link)).toHaveLength(2);
      // The HTML version has its button, and the same link written out for clients that hide buttons.
      expect(mail.html).toContain(`href="${link}"`);
      expect(mail.html).toMatch(/Confirmer mon adresse e\u2011mail/);
      expect(mail.html).toMatch(/Confirm my e\u2011mail address/);
    }
  });

  it('says a reminder is a reminder', () => {
    expect(verification('fr', { reminder: true }).text).toContain('Vous avez déjà commencé votre inscription');
    expect(verification('fr', { reminder: false }).text).not.toContain('déjà commencé');
  });

  it('tells an already registered owner that nothing changed, with no link but the footer’s', () => {
    const mail = alreadyRegistered('fr');
    expect(mail.text).toContain('Nous n’avons rien changé');
    expect(mail.text).not.toContain('verify.html');
    expect([...mail.html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'mailto:contact@cciamp.example',
      privacy,
      'mailto:contact@cciamp.example',
      privacy,
    ]);
    expect(mail.category).toBe('already-registered');
  });

  it.each(ALL)('$name: names the operator, why the person gets it, what to do if it was not them, the contact and the privacy policy, in both languages and both versions', ({ mail }) => {
    for (const version of [mail.text, visible(mail.html)]) {
      expect(version.match(/CCI Aix-Marseille-Provence, 9 La Canebière, 13001 Marseille/g)).toHaveLength(2);
      expect(version.match(/contact@cciamp\.example/g)!.length).toBeGreaterThanOrEqual(2);
      expect(version.match(/https:\/\/tandem\.example\/confidentialite\.html/g)).toHaveLength(2);
      expect(version).toMatch(/Ce message vous est envoyé par la CCI Aix-Marseille-Provence[^.]*tandem\.example/);
      expect(version).toMatch(/This message is sent by the CCI Aix-Marseille-Provence[^.]*tandem\.example/);
      expect(version).toContain('Si ce n’est pas vous, ignorez simplement ce message');
      expect(version).toContain('If it was not you, simply ignore this message');
    }
  });

  it('takes the operator from its input, not from the code', () => {
    const operator = { name: 'CCI Test', contactEmail: 'aide@cci-test.example', postalAddress: '1 rue du Test, 13002 Marseille', programmeEmail: 'programme@cci-test.example' };
    const mail = verificationMail({ firstName: 'A', role: 'mentor', link, locale: 'fr', validHours: 48, reminder: false, operator, siteUrl: 'https://cci-test.example' });
    expect(mail.text).toContain('la CCI Test, qui organise Tandem');
    expect(mail.text).toContain('aide@cci-test.example');
    expect(mail.text).toContain('CCI Test, 1 rue du Test, 13002 Marseille');
    expect(mail.text).toContain('https://cci-test.example/confidentialite.html');
    expect(mail.text).not.toMatch(/Aix-Marseille|cciamp|Canebière/);
  });

  it.each(ALL)('$name: French typography on the French parts (no breakable space before : ; ! ?, unbreakable e-mail, curly apostrophes)', ({ mail }) => {
    for (const part of Object.values(parts(mail, 'fr'))) {
      const words = withoutUrls(part);
      expect(words).not.toMatch(/[ \t\n]+[:;!?]/);
      expect(words).not.toMatch(/[^\u00a0]:/);
      expect(words).not.toMatch(/[^\u202f][;!?]/);
      expect(words).not.toMatch(/e-mail/i);
      expect(words).not.toContain("'");
      expect(words).toMatch(/\u00a0:/);
      expect(words).toMatch(/e\u2011mail/);
    }
  });

  it.each(ALL)('$name: no French spacing leaks into the English parts', ({ mail }) => {
    for (const part of Object.values(parts(mail, 'en'))) {
      const words = withoutUrls(part);
      expect(words).not.toMatch(/[\u00a0\u202f]/);
      expect(words).not.toMatch(/\s[:;!?]/);
      expect(words).not.toMatch(/e-mail/i);
      expect(words).not.toContain("'");
    }
  });

  it('keeps URLs and what people typed as they are', () => {
    const mail = verification('fr', { firstName: "D'Arcy-Lou : e-mail ?" });
    expect(mail.text).toContain("Bonjour D'Arcy-Lou : e-mail ?,");
    expect(mail.text).toContain(link);
    expect(typeset('fr', "l'e-mail : oui ; non ! vraiment ?")).toBe('l’e\u2011mail\u00a0: oui\u202f; non\u202f! vraiment\u202f?');
    expect(typeset('en', "the CCI's e-mail : yes ; no !")).toBe('the CCI’s e\u2011mail: yes; no!');
  });

  it('escapes what people typed', () => {
    const mail = verification('fr', { firstName: 'Zoé & "Léa" <b>' });
    expect(mail.text).toContain('Zoé & "Léa" <b>');
    expect(mail.html).toContain('Zoé &amp; &quot;Léa&quot; &lt;b&gt;');
    expect(mail.html).not.toContain('"Léa"');
    expect(mail.html).not.toContain('<b>');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });
});

describe('the written-out link under the button', () => {
  it('breaks anywhere, so a long signed link never widens the mail beyond a phone screen', () => {
    const html = verification('fr').html;
    const paragraph = /<p style="([^"]*)">[^<]*<br><a href="https:\/\/tandem\.example\/verify\.html#token=abc\.def\.ghi"/.exec(html);
    expect(paragraph?.[1]).toContain('overflow-wrap:anywhere');
    expect(paragraph?.[1]).toContain('word-break:break-all');
  });
});
