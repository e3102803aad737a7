/**
 * The mails of the CCI's decisions on a mentor's profile, as the mentor reads them: validation
 * (what happens next, the places, whom to write to) and refusal (kind, the CCI's contact, never
 * a reason), in the mentor's language first, French typography, the footer every mail has, every
 * value escaped; and the mail consumer sending each to the mentor named by the job.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryEffectLedger } from '../../shared/adapters/memory/effect-ledger';
import { memoryMailQuota } from '../../shared/adapters/memory/mail-quota';
import { memoryMailer } from '../../shared/adapters/memory/mailer';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { memoryTable } from '../../shared/adapters/memory/table';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { personItem } from '../../shared/db/items';
import type { Locale } from '../../shared/domain/locale';
import { mailJobSchema, type MailJob } from '../../shared/domain/mail-job';
import type { MentorProfile } from '../../shared/domain/people';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { mentorRefusedMail, mentorValidatedMail } from '../../shared/mail/templates';
import type { MatchingReads } from '../../shared/use-cases/send-mail';
import { makeSendMail } from '../../shared/use-cases/send-mail';
import { mentorAt } from '../contract/mentor-admin.contract';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';

const validated = (locale: Locale, firstName = 'Camille', capacity = 2) => mentorValidatedMail({ firstName, capacity, locale, ...TEST_MAIL_CONTEXT });
const refused = (locale: Locale, firstName = 'Camille') => mentorRefusedMail({ firstName, locale, ...TEST_MAIL_CONTEXT });
const visible = (html: string) =>
  html
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
const privacy = 'https://tandem.example/confidentialite.html';

describe('the validation mail', () => {
  it('says the profile is validated, in the mentor’s language first, then the other', () => {
    expect(validated('fr').subject).toBe('Votre profil de mentor est validé');
    expect(validated('en').subject).toBe('Your mentor profile is approved');
    const fr = validated('fr').text;
    expect(fr.indexOf('Bonjour Camille,')).toBeLessThan(fr.indexOf('Hello Camille,'));
    const en = validated('en').text;
    expect(en.indexOf('Hello Camille,')).toBeLessThan(en.indexOf('Bonjour Camille,'));
    expect(fr.startsWith('English version below.')).toBe(true);
  });

  it('tells what comes next: proposals by e-mail, free to answer, the places, whom to write to', () => {
    for (const body of [validated('fr').text, visible(validated('fr').html)]) {
      expect(body).toContain('la CCI Aix-Marseille-Provence a validé votre profil de mentor');
      expect(body).toContain('propositions de mise en relation');
      expect(body).toContain('vous êtes libre d’accepter ou de refuser');
      expect(body).toContain('au plus 2\u00a0personnes à la fois');
      expect(body).toContain('at most 2 people at a time');
      expect(body).toMatch(/écrivez-nous à contact@cciamp\.example/);
    }
    expect(validated('fr', 'Camille', 1).text).toContain('au plus 1\u00a0personne à la fois');
    expect(validated('fr', 'Camille', 1).text).toContain('at most 1 person at a time');
  });

  it('sets French typography in French and none in English', () => {
    const { text } = validated('fr');
    expect(text).toContain('Bonne nouvelle\u00a0: la CCI');
    expect(text).toContain('pourquoi nous pensons à vous\u202f; vous êtes libre');
    expect(text).toContain('par e\u2011mail');
    const [french, english] = text.split('\n\n— — —\n\n');
    expect(french).not.toMatch(/ [:;!?]/);
    expect(french).not.toContain("'");
    expect(english).not.toMatch(/[ \u00a0\u202f][:;!?]/);
    expect(text).toContain('Good news: the CCI');
  });
});

describe('the refusal mail', () => {
  it('is kind, gives the CCI’s contact and invites to write, in both languages', () => {
    const mail = refused('fr');
    expect(mail.subject).toBe('Votre inscription comme mentor sur Tandem');
    expect(refused('en').subject).toBe('Your mentor sign-up on Tandem');
    for (const body of [mail.text, visible(mail.html)]) {
      expect(body).toContain('Merci d’avoir proposé de devenir mentor sur Tandem');
      expect(body).toContain('nous ne pouvons pas retenir votre profil pour le moment');
      expect(body).toContain('écrivez-nous à contact@cciamp.example\u00a0: nous vous répondrons avec plaisir');
      expect(body).toContain('write to us at contact@cciamp.example: we will be glad to answer');
    }
    expect(mail.category).toBe('mentor-refused');
  });

  it('has no place for a reason: its input is the first name and the language only', () => {
    // The template takes no reason; a reason slipped into its input is not rendered.
    const mail = mentorRefusedMail({ firstName: 'Camille', locale: 'fr', ...TEST_MAIL_CONTEXT, ...({ reason: 'Profil trop junior' } as object) });
    expect(mail.text + mail.html).not.toContain('junior');
  });
});

describe.each([
  ['validation', (l: Locale, n?: string) => validated(l, n)],
  ['refusal', (l: Locale, n?: string) => refused(l, n)],
] as const)('the %s mail', (_name, build) => {
  it('has the footer every mail has: why, contact, privacy policy and the operator, in both versions', () => {
    const mail = build('fr');
    for (const version of [mail.text, visible(mail.html)]) {
      expect(version.match(/CCI Aix-Marseille-Provence, 9 La Canebière, 13001 Marseille/g)).toHaveLength(2);
      expect(version.match(/https:\/\/tandem\.example\/confidentialite\.html/g)).toHaveLength(2);
      expect(version).toMatch(/Ce message vous est envoyé par la CCI Aix-Marseille-Provence[^.]*tandem\.example/);
      expect(version).toMatch(/This message is sent by the CCI Aix-Marseille-Provence[^.]*tandem\.example/);
    }
    const links = [...mail.html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.filter((l) => l === privacy)).toHaveLength(2);
    expect(links.filter((l) => l === 'mailto:contact@cciamp.example')).toHaveLength(2);
    expect(mail.html).toContain('<html lang="fr">');
    expect(build('en').html).toContain('<html lang="en">');
  });

  it('escapes the first name in HTML', () => {
    const mail = build('fr', '<b>Léa</b>');
    expect(mail.html).not.toContain('<b>Léa</b>');
    expect(mail.html).toContain('&lt;b&gt;Léa&lt;/b&gt;');
  });
});

describe('the mail consumer', () => {
  const setup = () => {
    const table = memoryTable();
    const mailer = memoryMailer();
    const clock = { now: () => new Date('2026-12-01T09:00:00.000Z') };
    const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not read')) }) as MatchingReads;
    const sendMail = makeSendMail({
      people: memoryRegistrationStore(table),
      matching: unused,
      mailer,
      links: makeLinkSigner({ keys: { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) }, clock }),
      ledger: memoryEffectLedger(),
      quota: memoryMailQuota(table),
      clock,
      followUp: memoryFollowUpReads(table),
      followUpSettings: FOLLOW_UP_DEFAULTS,
      ...TEST_MAIL_CONTEXT,
    });
    return { table, mailer, sendMail };
  };
  const job = (template: 'mentor_validated' | 'mentor_refused', personId: string): MailJob =>
    mailJobSchema.parse({ kind: 'mail', id: randomUUID(), locale: 'fr', recordedAt: '2026-12-01T09:00:00.000Z', template, to: { role: 'mentor', personId } });

  it.each(['mentor_validated', 'mentor_refused'] as const)('%s: sent to the mentor of the job, in the mentor’s language', async (template) => {
    const { table, mailer, sendMail } = setup();
    const mentor: MentorProfile = mentorAt(1, { status: template === 'mentor_validated' ? 'active' : 'inactive', locale: 'en', capacity: 3 });
    table.put(personItem(mentor));
    expect(await sendMail(job(template, mentor.id))).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.to).toBe(mentor.email);
    expect(mailer.sent[0]!.subject).toBe(template === 'mentor_validated' ? 'Your mentor profile is approved' : 'Your mentor sign-up on Tandem');
    if (template === 'mentor_validated') expect(mailer.sent[0]!.text).toContain('at most 3 people at a time');
  });

  it('a mentor who is gone gets nothing', async () => {
    const { mailer, sendMail } = setup();
    expect(await sendMail(job('mentor_refused', randomUUID()))).toBe('recipient_gone');
    expect(mailer.sent).toEqual([]);
  });

  it('the job names the mentor, never an address or a reason (strict schema)', () => {
    expect(() => mailJobSchema.parse({ ...job('mentor_refused', randomUUID()), reason: 'x' })).toThrow();
    expect(() => mailJobSchema.parse({ ...job('mentor_validated', randomUUID()), to: { role: 'mentee', personId: randomUUID() } })).toThrow();
  });
});
