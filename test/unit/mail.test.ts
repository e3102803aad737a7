import { describe, expect, it } from 'vitest';
import { alreadyRegisteredMail, escapeHtml, verificationMail } from '../../shared/mail/templates';

const link = 'https://tandem.example/verify.html#token=abc.def.ghi';

describe('e-mail templates', () => {
  it('puts the link in both versions and escapes what people typed', () => {
    const mail = verificationMail({ firstName: 'Zoé & "Léa"', role: 'mentee', link, locale: 'fr', validHours: 48, reminder: false });
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain('Zoé &amp; &quot;Léa&quot;');
    expect(mail.html).not.toContain('"Léa"');
  });

  it('writes French first for a French speaker and English first otherwise', () => {
    const fr = verificationMail({ firstName: 'A', role: 'mentor', link, locale: 'fr', validHours: 48, reminder: false });
    const en = verificationMail({ firstName: 'A', role: 'mentor', link, locale: 'en', validHours: 48, reminder: false });
    expect(fr.subject).toBe('Confirmez votre adresse e-mail / Confirm your e-mail address');
    expect(en.subject).toBe('Confirm your e-mail address / Confirmez votre adresse e-mail');
    expect(fr.text.indexOf('Bonjour')).toBeLessThan(fr.text.indexOf('Hello'));
    expect(en.text.indexOf('Hello')).toBeLessThan(en.text.indexOf('Bonjour'));
  });

  it('says a reminder is a reminder', () => {
    expect(verificationMail({ firstName: 'A', role: 'mentor', link, locale: 'fr', validHours: 48, reminder: true }).text).toContain('déjà commencé');
  });

  it('tells an already registered owner that nothing changed, with no link', () => {
    const mail = alreadyRegisteredMail({ role: 'mentee', locale: 'fr' });
    expect(mail.text).toContain("Nous n'avons rien changé");
    expect(mail.html).not.toContain('<a ');
    expect(mail.category).toBe('already-registered');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });
});
