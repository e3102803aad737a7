import { describe, expect, it, vi } from 'vitest';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { sesMailer } from '../../shared/adapters/mail/mailers';
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

describe('SES mailer', () => {
  it('sends through the configuration set with a category tag', async () => {
    const send = vi.fn().mockResolvedValue({});
    const mailer = sesMailer({ from: 'Tandem <no-reply@cci.example>', configurationSet: 'tandem-prod' }, { send } as unknown as SESv2Client);
    await mailer.send({ to: 'a@example.org', subject: 'S', text: 'T', html: '<p>H</p>', category: 'verify-email' });
    const input = send.mock.calls[0]![0].input;
    expect(input).toMatchObject({
      FromEmailAddress: 'Tandem <no-reply@cci.example>',
      Destination: { ToAddresses: ['a@example.org'] },
      ConfigurationSetName: 'tandem-prod',
      EmailTags: [{ Name: 'category', Value: 'verify-email' }],
      Content: { Simple: { Subject: { Data: 'S' }, Body: { Text: { Data: 'T' }, Html: { Data: '<p>H</p>' } } } },
    });
  });
});
