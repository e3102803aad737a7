/**
 * The follow-up mails as people read them and as the mail consumer sends them, on the in-memory
 * adapters: each template in French and English (subject, text, HTML, French typography, the
 * footer), the one signed link of a check-in or outcome survey (its purpose, subject and lifetime),
 * first names only where the mail says so and never a private note or free text, the obsolete
 * rules (round or survey answered, cancelled, not out; tandem closed; alert resolved; mentee
 * matched meanwhile), and a person erased or without an address getting nothing, whatever the
 * template.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryEffectLedger } from '../../shared/adapters/memory/effect-ledger';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryMailQuota } from '../../shared/adapters/memory/mail-quota';
import { memoryMailer, type MemoryMailer } from '../../shared/adapters/memory/mailer';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { memoryTable, type MemoryTable } from '../../shared/adapters/memory/table';
import { checkInRoundItem, outcomeSurveyItem, partnerItem, personItem, proposalItem, tandemAlertItem, tandemItem } from '../../shared/db/items';
import { FOLLOW_UP_DEFAULTS, type CheckInRound, type OutcomeSurvey, type TandemAlert } from '../../shared/domain/follow-up';
import type { Locale } from '../../shared/domain/locale';
import { mailJobSchema, type MailJob } from '../../shared/domain/mail-job';
import type { Tandem } from '../../shared/domain/matching';
import type { MenteeProfile, MentorProfile, Partner, Person } from '../../shared/domain/people';
import { checkInSubject, outcomeSubject, parseCheckInSubject, parseOutcomeSubject } from '../../shared/links/follow-up-links';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { checkInMail, followUpAlertMail, outcomeSurveyMail, retentionNoticeMail, spokenDuration, tandemClosedMail } from '../../shared/mail/follow-up-templates';
import { makeSendMail } from '../../shared/use-cases/send-mail';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';
import { DAY, menteeProfile, mentorProfile } from '../helpers/matching-hub';

const NOW = '2027-01-15T08:00:00.000Z';
const KEYS = { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) };
const clock = { now: () => new Date(NOW) };
const links = () => makeLinkSigner({ keys: KEYS, clock });
const LINK = 'https://tandem.example/follow-up.html#token=abc.def.ghi';
const VALIDITY = { linkDays: 30, validUntil: '2027-02-14T08:00:00.000Z' };
const PROGRAMME = TEST_MAIL_CONTEXT.operator.programmeEmail;

// ── What a reader sees, and the typography checks of test/unit/mail.test.ts ───────────────────

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
/** The tokens of a mail's follow-up links. */
const tokensIn = (text: string) => [...text.matchAll(/\/follow-up\.html#token=([\w.-]+)/g)].map((m) => m[1]!);

const context = TEST_MAIL_CONTEXT;
/** Every follow-up template and variant, rendered in both languages (partners and the CCI always French first). */
const ALL = (['fr', 'en'] as const).flatMap((locale) => [
  { name: `first check-in (${locale})`, mail: checkInMail({ to: 'mentee', firstName: 'Léa', otherFirstName: 'Camille', seq: 1, reminder: false, daysSinceStart: 14, link: LINK, locale, ...VALIDITY, ...context }) },
  { name: `first check-in reminder (${locale})`, mail: checkInMail({ to: 'mentor', firstName: 'Camille', otherFirstName: 'Léa', seq: 1, reminder: true, daysSinceStart: 21, link: LINK, locale, ...VALIDITY, ...context }) },
  { name: `monthly check-in (${locale})`, mail: checkInMail({ to: 'mentor', firstName: 'Camille', otherFirstName: 'Léa', seq: 3, reminder: false, daysSinceStart: 74, link: LINK, locale, ...VALIDITY, ...context }) },
  { name: `monthly reminder (${locale})`, mail: checkInMail({ to: 'mentee', firstName: 'Léa', otherFirstName: 'Camille', seq: 2, reminder: true, daysSinceStart: 51, link: LINK, locale, ...VALIDITY, ...context }) },
  { name: `outcome, job search (${locale})`, mail: outcomeSurveyMail({ to: 'mentee', firstName: 'Léa', track: 'job_search', milestone: 3, reminder: false, link: LINK, locale, ...VALIDITY, ...context }) },
  { name: `outcome, business reminder (${locale})`, mail: outcomeSurveyMail({ to: 'mentee', firstName: 'Léa', track: 'business_creation', milestone: 12, reminder: true, link: LINK, locale, ...VALIDITY, ...context }) },
  { name: `outcome to the partner (${locale})`, mail: outcomeSurveyMail({ to: 'partner', firstName: 'Léa', lastNameInitial: 'M', track: 'job_search', milestone: 6, reminder: false, link: LINK, locale, ...VALIDITY, ...context }) },
  { name: `tandem closed, mentor (${locale})`, mail: tandemClosedMail({ to: 'mentor', firstName: 'Camille', otherFirstName: 'Léa', rematch: false, locale, ...context }) },
  { name: `tandem closed, re-match (${locale})`, mail: tandemClosedMail({ to: 'mentee', firstName: 'Léa', otherFirstName: 'Camille', rematch: true, locale, ...context }) },
  { name: `tandem closed, other erased (${locale})`, mail: tandemClosedMail({ to: 'mentee', firstName: 'Léa', rematch: false, locale, ...context }) },
  { name: `retention notice (${locale})`, mail: retentionNoticeMail({ firstName: 'Léa', erasesOn: '2027-03-01', locale, ...context }) },
]);
const ALERTS = (['help_requested', 'not_a_good_fit', 'silent'] as const).flatMap((alert) =>
  (['programme', 'partner'] as const).map((to) => ({
    name: `alert ${alert} to ${to}`,
    mail: followUpAlertMail({
      to,
      alert,
      raisedBy: alert === 'silent' ? 'system' : 'mentee',
      mentorFirstName: 'Camille',
      menteeFirstName: 'Léa',
      silentAfterDays: 60,
      link: 'https://tandem.example/console/tandem.html?id=t-1',
      ...context,
    }),
  })),
);

describe('the follow-up templates', () => {
  it.each([...ALL, ...ALERTS])('$name: a subject, a text and an HTML version, each with the footer (why, contact, privacy policy, operator) in both languages', ({ mail }) => {
    expect(mail.subject.length).toBeGreaterThan(5);
    for (const version of [mail.text, visible(mail.html)]) {
      expect(version.match(/CCI Aix-Marseille-Provence, 9 La Canebière, 13001 Marseille/g)).toHaveLength(2);
      expect(version.match(/https:\/\/tandem\.example\/confidentialite\.html/g)).toHaveLength(2);
      expect(version).toContain('contact@cciamp.example');
    }
    expect(mail.html).toMatch(/^<!doctype html>/);
  });

  it.each([...ALL, ...ALERTS])('$name: French typography on the French parts (no breakable space before : ; ! ?, curly apostrophes, unbreakable e-mail)', ({ mail }) => {
    for (const part of Object.values(parts(mail, 'fr'))) {
      const words = withoutUrls(part);
      expect(words).not.toMatch(/[ \t\n]+[:;!?»]/);
      expect(words).not.toMatch(/[^\u00a0]:/);
      expect(words).not.toMatch(/[^\u202f][;!?]/);
      expect(words).not.toMatch(/«[^\u00a0]/);
      expect(words).not.toMatch(/e-mail/i);
      expect(words).not.toContain("'");
    }
  });

  it.each([...ALL, ...ALERTS])('$name: no French spacing leaks into the English parts', ({ mail }) => {
    for (const part of Object.values(parts(mail, 'en'))) {
      const words = withoutUrls(part);
      expect(words).not.toMatch(/[\u00a0\u202f]/);
      expect(words).not.toMatch(/\s[:;!?]/);
      expect(words).not.toMatch(/e-mail/i);
      expect(words).not.toContain("'");
    }
  });

  it('writes people’s language first, partners’ and the CCI’s in French first', () => {
    const en = ALL.filter((m) => m.name.endsWith('(en)') && !m.name.includes('partner'));
    for (const { mail } of en) expect(mail.html).toContain('<html lang="en">');
    for (const { mail } of [...ALL.filter((m) => m.name.includes('partner')), ...ALERTS]) {
      expect(mail.html).toContain('<html lang="fr">');
      expect(mail.text.startsWith('English version below.')).toBe(true);
    }
  });

  it('asks the first check-in the way the programme does, names the other by first name, and says until when the link works', () => {
    const mail = ALL[0]!.mail;
    expect(mail.subject).toBe('Votre tandem avec Camille\u00a0: la première rencontre a-t-elle eu lieu\u202f?');
    for (const body of [mail.text, visible(mail.html)]) {
      expect(body).toContain('Votre tandem avec Camille a commencé il y a deux semaines\u00a0: la première rencontre a-t-elle eu lieu\u202f?');
      expect(body).toContain('Your tandem with Camille started two weeks ago: did the first meeting take place?');
      expect(body).toContain('fonctionne 30\u00a0jours, jusqu’au 14 février 2027');
      expect(body).toContain('works for 30 days, until 14 February 2027');
      expect(body).toContain('Camille ne voit pas vos réponses.');
    }
    expect(mail.text).toContain(LINK);
    expect(mail.html).toContain(`href="${LINK}"`);
    expect(mail.html).toContain('>Répondre</a>');
  });

  it('asks the monthly check-in "Comment avance votre tandem ?" and marks reminders', () => {
    expect(ALL[2]!.mail.subject).toBe('Comment avance votre tandem\u202f?');
    expect(ALL[2]!.mail.text).toContain('Comment avance votre tandem avec Léa\u202f?');
    expect(ALL[1]!.mail.subject).toBe('Rappel\u00a0: Votre tandem avec Léa\u00a0: la première rencontre a-t-elle eu lieu\u202f?');
    expect(ALL[3]!.mail.subject).toBe('Rappel\u00a0: Comment avance votre tandem\u202f?');
    expect(ALL[3]!.mail.text).toContain('Nous n’avons pas encore votre réponse.');
    expect(ALL.find((m) => m.name === 'monthly reminder (en)')!.mail.subject).toBe('Reminder: How is your tandem going?');
  });

  it('words the outcome survey by track and milestone, and names the beneficiary to the partner by first name and initial only', () => {
    const job = ALL[4]!.mail;
    expect(job.subject).toBe('3\u00a0mois après le début de votre tandem\u00a0: où en est votre recherche d’emploi\u202f?');
    expect(job.text).toContain('CDI, CDD de 6\u00a0mois ou plus, alternance');
    const business = ALL[5]!.mail;
    expect(business.subject).toBe('Rappel\u00a0: un an après le début de votre tandem\u00a0: où en est votre projet d’entreprise\u202f?');
    expect(business.text).toContain('L’entreprise est-elle créée, ou pas encore\u202f?');
    const partner = ALL[6]!.mail;
    expect(partner.subject).toBe('Tandem, 6\u00a0mois après\u00a0: où en est Léa M.\u202f?');
    expect(partner.text).toContain('Vous avez orienté Léa M. vers Tandem\u00a0: son tandem a commencé il y a 6\u00a0mois.');
    expect(partner.text).toContain('Où en est sa recherche d’emploi\u202f?');
  });

  it('tells the CCI what happened with the tandem’s first names and a link to its console page', () => {
    const [help, , fit, , silent] = ALERTS.map((a) => a.mail);
    expect(help!.subject).toBe('Tandem Léa et Camille\u00a0: demande d’aide');
    expect(help!.text).toContain('Léa, la personne accompagnée, demande l’aide de la CCI Aix-Marseille-Provence.');
    expect(help!.text).toContain('https://tandem.example/console/tandem.html?id=t-1');
    expect(fit!.text).toContain('«\u00a0ne convient pas\u00a0»');
    expect(silent!.subject).toBe('Tandem Léa et Camille\u00a0: sans nouvelles depuis deux mois');
    expect(silent!.text).toContain('Ni Camille ni Léa n’ont répondu aux points d’étape depuis deux mois');
  });

  it('thanks both, tells the mentee of a re-match that a new mentor is sought, names nobody once the other is erased', () => {
    expect(ALL[7]!.mail.subject).toBe('Votre tandem avec Léa est terminé\u00a0: merci\u202f!');
    expect(ALL[7]!.mail.text).toContain('Merci pour le temps et l’expérience que vous avez partagés');
    expect(ALL[8]!.mail.text).toContain('Nous cherchons dès maintenant un nouveau mentor pour vous accompagner');
    expect(ALL[9]!.mail.text).toContain('Votre tandem de mentorat est terminé.');
    expect(ALL[9]!.mail.text).not.toContain('avec');
  });

  it('gives the erasure date in words, how to keep the profile and how to come back', () => {
    const mail = ALL[10]!.mail;
    expect(mail.subject).toBe('Votre profil Tandem sera effacé le 1 mars 2027');
    expect(mail.text).toContain('écrivez-nous avant cette date à contact@cciamp.example');
    expect(mail.text).toContain('vous réinscrire plus tard sur tandem.example');
    expect(mail.text).toContain('will be erased on 1 March 2027');
  });

  it('says durations as people do', () => {
    expect(spokenDuration(14, 'fr')).toBe('deux semaines');
    expect(spokenDuration(7, 'fr')).toBe('une semaine');
    expect(spokenDuration(60, 'fr')).toBe('deux mois');
    expect(spokenDuration(30, 'en')).toBe('one month');
    expect(spokenDuration(45, 'fr')).toBe('45\u00a0jours');
    expect(spokenDuration(45, 'en')).toBe('45 days');
  });

  it('escapes names in HTML', () => {
    const mail = checkInMail({ to: 'mentee', firstName: '<b>Léa</b>', otherFirstName: 'Cam"ille', seq: 1, reminder: false, daysSinceStart: 14, link: LINK, locale: 'fr', ...VALIDITY, ...context });
    expect(mail.html).not.toContain('<b>Léa</b>');
    expect(mail.html).toContain('&lt;b&gt;Léa&lt;/b&gt;');
    expect(mail.html).toContain('Cam&quot;ille');
  });
});

// ── The mail consumer ───────────────────────────────────────────────────────────────────────────

let table: MemoryTable;
let mailer: MemoryMailer;
let sendMail: ReturnType<typeof makeSendMail>;

beforeEach(() => {
  table = memoryTable();
  mailer = memoryMailer();
  sendMail = makeSendMail({
    people: memoryRegistrationStore(table),
    matching: memoryMatchingStore(table),
    mailer,
    links: links(),
    ledger: memoryEffectLedger(),
    quota: memoryMailQuota(table),
    clock,
    followUp: memoryFollowUpReads(table),
    followUpSettings: FOLLOW_UP_DEFAULTS,
    ...TEST_MAIL_CONTEXT,
  });
});

const job = (fields: Record<string, unknown>): MailJob => mailJobSchema.parse({ kind: 'mail', id: randomUUID(), locale: 'fr', recordedAt: NOW, ...fields });
const erased = <P extends Person>(person: P): P => ({ ...person, status: 'erased', email: '', firstName: '', lastName: '', erasedAt: NOW }) as P;

const PRIVATE = 'NOTE-PRIVEE-POUR-LA-CCI';
const PROGRESS = 'PROGRES-EN-UNE-PHRASE';

interface Seeded {
  mentor: MentorProfile;
  mentee: MenteeProfile;
  partner: Partner;
  tandem: Tandem;
  round: CheckInRound;
}

/** A tandem started 14 days ago, its first round sent, its 3-month survey sent, with a referring partner. */
function seed(options: { status?: Tandem['status']; round?: Partial<CheckInRound>; survey?: Partial<OutcomeSurvey>; alerts?: Array<Partial<TandemAlert> & Pick<TandemAlert, 'kind'>>; mentor?: Partial<MentorProfile>; mentee?: Partial<MenteeProfile>; partnerContact?: string | null } = {}): Seeded {
  const partner: Partner = { id: `partner-${randomUUID().slice(0, 8)}`, name: 'Mission locale', kind: 'mission_locale', status: 'active', dedicatedPool: false, createdAt: '2026-01-01T00:00:00.000Z', ...(options.partnerContact === null ? {} : { contactEmail: options.partnerContact ?? 'conseil@mission-locale.example' }) };
  const mentor = mentorProfile({ firstName: 'Camille', lastName: 'Durand', activeMentees: 1, ...options.mentor });
  const mentee = menteeProfile({ firstName: 'Léa', lastName: 'Martin', status: 'in_tandem', track: 'job_search', partnerId: partner.id, ...options.mentee });
  const startedAt = new Date(Date.parse(NOW) - 14 * DAY).toISOString();
  const tandem: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentor.id, partnerId: partner.id, track: mentee.track, status: options.status ?? 'active', startedAt, attempt: 1 };
  const round: CheckInRound = { tandemId: tandem.id, seq: 1, kind: 'first', dueAt: NOW, status: 'sent', sentAt: NOW, answers: {}, ...options.round };
  const survey: OutcomeSurvey = { tandemId: tandem.id, milestone: 3, dueAt: NOW, status: 'sent', sentAt: NOW, records: [], ...options.survey };
  table.put(partnerItem(partner));
  table.put(personItem(mentor));
  table.put(personItem(mentee));
  table.put(tandemItem(tandem));
  table.put(checkInRoundItem(round));
  table.put(outcomeSurveyItem(survey));
  for (const alert of options.alerts ?? []) table.put(tandemAlertItem({ tandemId: tandem.id, raisedAt: NOW, raisedBy: 'mentee', status: 'open', ...alert }));
  return { mentor, mentee, partner, tandem, round };
}
const checkIn = (s: Seeded, role: 'mentor' | 'mentee', extra: { seq?: number; reminder?: boolean } = {}) =>
  job({ template: 'check_in', to: { role, personId: role === 'mentor' ? s.mentor.id : s.mentee.id }, tandemId: s.tandem.id, seq: extra.seq ?? 1, reminder: extra.reminder ?? false });
const survey = (s: Seeded, to: 'mentee' | 'partner', extra: { milestone?: 3 | 6 | 12; reminder?: boolean } = {}) =>
  job({ template: 'outcome_survey', to: to === 'mentee' ? { role: 'mentee', personId: s.mentee.id } : { partnerId: s.partner.id }, tandemId: s.tandem.id, milestone: extra.milestone ?? 3, reminder: extra.reminder ?? false });
const answered = { kind: 'first' as const, firstMeetingHeld: true, fit: 'good' as const, needsHelp: true, privateNote: PRIVATE, answeredAt: NOW };

describe('check-in mails', () => {
  it('go to each member with one link for their own answer to this round, living linkDays', async () => {
    const s = seed({ mentor: { locale: 'en' } });
    expect(await sendMail(checkIn(s, 'mentee'))).toBe('sent');
    expect(await sendMail(checkIn(s, 'mentor'))).toBe('sent');
    const [toMentee, toMentor] = mailer.sent;
    expect(toMentee!.to).toBe(s.mentee.email);
    expect(toMentee!.subject).toBe('Votre tandem avec Camille\u00a0: la première rencontre a-t-elle eu lieu\u202f?');
    expect(toMentee!.text).toContain('a commencé il y a deux semaines');
    expect(toMentor!.to).toBe(s.mentor.email);
    expect(toMentor!.subject).toBe('Your tandem with Léa: did the first meeting take place?');
    for (const [mail, role] of [[toMentee!, 'mentee'], [toMentor!, 'mentor']] as const) {
      const tokens = [...new Set(tokensIn(mail.text))];
      expect(tokens).toHaveLength(1);
      expect(mail.html).toContain(`follow-up.html#token=${tokens[0]}`);
      const claims = await links().verify(tokens[0]!, 'check_in');
      expect(claims.subject).toBe(checkInSubject(s.tandem.id, 1, role));
      expect(parseCheckInSubject(claims.subject)).toEqual({ tandemId: s.tandem.id, seq: 1, role });
      expect(claims.expiresAt - Date.parse(NOW) / 1000).toBe(FOLLOW_UP_DEFAULTS.linkDays * 86400);
      await expect(links().verify(tokens[0]!, 'outcome')).rejects.toThrow();
      // First names only: never a last name or an address of either.
      for (const secret of [s.mentor.lastName, s.mentee.lastName, s.mentor.email, s.mentee.email].filter((x) => x !== mail.to)) expect(mail.text + mail.html).not.toContain(secret);
    }
    expect(toMentee!.text).toContain('jusqu’au 14 février 2027');
  });

  it('asks the monthly round how the tandem is going, and reminds whoever has not answered', async () => {
    const s = seed({ round: { seq: 2, kind: 'monthly', answers: { mentor: { kind: 'monthly', meetingsSince: 2, satisfaction: 4, progress: PROGRESS, needsHelp: false, privateNote: PRIVATE, answeredAt: NOW } } } });
    expect(await sendMail(checkIn(s, 'mentee', { seq: 2 }))).toBe('sent');
    expect(mailer.sent[0]!.subject).toBe('Comment avance votre tandem\u202f?');
    expect(await sendMail(checkIn(s, 'mentee', { seq: 2, reminder: true }))).toBe('sent');
    expect(mailer.sent[1]!.subject).toBe('Rappel\u00a0: Comment avance votre tandem\u202f?');
    // The mentor answered: neither the reminder nor a late copy of the round.
    expect(await sendMail(checkIn(s, 'mentor', { seq: 2, reminder: true }))).toBe('obsolete');
    expect(await sendMail(checkIn(s, 'mentor', { seq: 2 }))).toBe('obsolete');
    for (const mail of mailer.sent) expect(mail.text + mail.html).not.toMatch(new RegExp(`${PRIVATE}|${PROGRESS}`));
    expect(mailer.sent).toHaveLength(2);
  });

  it.each([
    ['the round is still scheduled', { round: { status: 'scheduled' as const } }, {}],
    ['the round was cancelled', { round: { status: 'cancelled' as const } }, {}],
    ['the tandem is closed', { status: 'ended_early' as const }, {}],
    ['the round does not exist', {}, { seq: 7 }],
    ['the person answered (the reminder)', { round: { answers: { mentee: answered } } }, { reminder: true }],
  ])('is obsolete when %s', async (_case, options, extra) => {
    const s = seed(options);
    expect(await sendMail(checkIn(s, 'mentee', extra))).toBe('obsolete');
    expect(mailer.sent).toEqual([]);
  });

  it('is obsolete for someone who is not the member of that role, or an unknown tandem', async () => {
    const s = seed();
    const stranger = menteeProfile();
    table.put(personItem(stranger));
    expect(await sendMail(job({ template: 'check_in', to: { role: 'mentee', personId: stranger.id }, tandemId: s.tandem.id, seq: 1, reminder: false }))).toBe('obsolete');
    expect(await sendMail(job({ template: 'check_in', to: { role: 'mentee', personId: s.mentee.id }, tandemId: randomUUID(), seq: 1, reminder: false }))).toBe('obsolete');
    expect(mailer.sent).toEqual([]);
  });
});

describe('outcome survey mails', () => {
  it('go to the mentee with a link for the mentee’s answer to this milestone, worded by track', async () => {
    const s = seed({ mentee: { locale: 'en' } });
    expect(await sendMail(survey(s, 'mentee'))).toBe('sent');
    const [mail] = mailer.sent;
    expect(mail!.to).toBe(s.mentee.email);
    expect(mail!.subject).toBe('3 months into your tandem: how is your job search going?');
    const [token] = tokensIn(mail!.text);
    const claims = await links().verify(token!, 'outcome');
    expect(claims.subject).toBe(outcomeSubject(s.tandem.id, 3, 'mentee'));
    expect(claims.expiresAt - Date.parse(NOW) / 1000).toBe(FOLLOW_UP_DEFAULTS.linkDays * 86400);
    await expect(links().verify(token!, 'check_in')).rejects.toThrow();
  });

  it('go to the partner’s contact address in French, naming the beneficiary by first name and initial only', async () => {
    const s = seed({ mentee: { locale: 'en', track: 'business_creation' }, survey: { milestone: 6 } });
    expect(await sendMail(survey(s, 'partner', { milestone: 6 }))).toBe('sent');
    const [mail] = mailer.sent;
    expect(mail!.to).toBe('conseil@mission-locale.example');
    expect(mail!.subject).toBe('Tandem, 6\u00a0mois après\u00a0: où en est Léa M.\u202f?');
    expect(mail!.text).toContain('Où en est son projet de création d’entreprise\u202f?');
    expect(mail!.text + mail!.html).not.toContain('Martin');
    expect(mail!.text + mail!.html).not.toContain(s.mentee.email);
    expect(mail!.text + mail!.html).not.toContain('Camille');
    const claims = await links().verify(tokensIn(mail!.text)[0]!, 'outcome');
    expect(parseOutcomeSubject(claims.subject)).toEqual({ tandemId: s.tandem.id, milestone: 6, respondent: 'partner' });
  });

  it('is obsolete once that respondent answered (the reminder too) or the survey is cancelled; the other respondent is still asked', async () => {
    const s = seed({ survey: { answeredBy: { partner: NOW } } });
    expect(await sendMail(survey(s, 'partner', { reminder: true }))).toBe('obsolete');
    expect(await sendMail(survey(s, 'mentee', { reminder: true }))).toBe('sent');
    const cancelled = seed({ survey: { status: 'cancelled' } });
    expect(await sendMail(survey(cancelled, 'mentee'))).toBe('obsolete');
    expect(await sendMail(survey(cancelled, 'partner'))).toBe('obsolete');
    expect(mailer.sent).toHaveLength(1);
  });

  it('still asks after the tandem closed (the 6- and 12-month outcomes come after the end)', async () => {
    const s = seed({ status: 'completed' });
    expect(await sendMail(survey(s, 'mentee'))).toBe('sent');
  });

  it('sends nothing to a partner without a contact address, nor to a partner that is not the tandem’s', async () => {
    const s = seed({ partnerContact: null });
    expect(await sendMail(survey(s, 'partner'))).toBe('recipient_gone');
    const other = seed();
    expect(await sendMail(job({ template: 'outcome_survey', to: { partnerId: other.partner.id }, tandemId: s.tandem.id, milestone: 3, reminder: false }))).toBe('obsolete');
    expect(mailer.sent).toEqual([]);
  });
});

describe('alert mails', () => {
  const alert = (s: Seeded, kind: TandemAlert['kind'], to: 'programme' | 'partner' = 'programme') =>
    job({ template: 'follow_up_alert', to: to === 'programme' ? { programme: true } : { partnerId: s.partner.id }, tandemId: s.tandem.id, alert: kind });

  it('tell the CCI and the partner what happened, first names only, with the tandem’s page of each one’s console (the CCI’s, the partner’s space), never a private note or free text', async () => {
    const s = seed({ round: { seq: 2, kind: 'monthly', answers: { mentee: { kind: 'monthly', meetingsSince: 0, satisfaction: 2, progress: PROGRESS, needsHelp: true, privateNote: PRIVATE, answeredAt: NOW } } }, alerts: [{ kind: 'help_requested', raisedBy: 'mentee', seq: 2 }] });
    expect(await sendMail(alert(s, 'help_requested'))).toBe('sent');
    expect(await sendMail(alert(s, 'help_requested', 'partner'))).toBe('sent');
    const [cci, partner] = mailer.sent;
    expect(cci!.to).toBe(PROGRAMME);
    expect(partner!.to).toBe('conseil@mission-locale.example');
    for (const [mail, page] of [
      [cci!, 'tandem.html'],
      [partner!, 'espace-tandem.html'],
    ] as const) {
      expect(mail.subject).toBe('Tandem Léa et Camille\u00a0: demande d’aide');
      expect(mail.text).toContain('Léa, la personne accompagnée, demande l’aide');
      expect(mail.text).toContain(`https://tandem.example/console/${page}?id=${s.tandem.id}`);
      expect(mail.html).toContain(`href="https://tandem.example/console/${page}?id=${s.tandem.id}"`);
      for (const secret of [PRIVATE, PROGRESS, 'Martin', 'Durand', s.mentee.email, s.mentor.email]) expect(mail.text + mail.html).not.toContain(secret);
    }
  });

  it('say how long a silent tandem has been silent, from the stage’s setting', async () => {
    const s = seed({ alerts: [{ kind: 'silent', raisedBy: 'system' }] });
    expect(await sendMail(alert(s, 'silent'))).toBe('sent');
    expect(mailer.sent[0]!.subject).toBe('Tandem Léa et Camille\u00a0: sans nouvelles depuis deux mois');
  });

  it('are obsolete once the alert is resolved or absent, and the tandem must be the partner’s', async () => {
    const s = seed({ alerts: [{ kind: 'not_a_good_fit', raisedBy: 'mentor', status: 'resolved', resolvedAt: NOW }] });
    expect(await sendMail(alert(s, 'not_a_good_fit'))).toBe('obsolete');
    expect(await sendMail(alert(s, 'silent'))).toBe('obsolete');
    const other = seed({ alerts: [{ kind: 'help_requested' }] });
    expect(await sendMail(job({ template: 'follow_up_alert', to: { partnerId: s.partner.id }, tandemId: other.tandem.id, alert: 'help_requested' }))).toBe('obsolete');
    expect(mailer.sent).toEqual([]);
  });
});

describe('the thank-you when a tandem closes', () => {
  const closed = (s: Seeded, role: 'mentor' | 'mentee', rematch = false) =>
    job({ template: 'tandem_closed', to: { role, personId: role === 'mentor' ? s.mentor.id : s.mentee.id }, tandemId: s.tandem.id, rematch });

  it('thanks both; the mentee of a re-match learns a new mentor is being sought', async () => {
    const s = seed({ status: 'ended_early' });
    expect(await sendMail(closed(s, 'mentor', true))).toBe('sent');
    expect(await sendMail(closed(s, 'mentee', true))).toBe('sent');
    const [toMentor, toMentee] = mailer.sent;
    expect(toMentor!.subject).toBe('Votre tandem avec Léa est terminé\u00a0: merci\u202f!');
    expect(toMentor!.text).not.toContain('nouveau mentor');
    expect(toMentee!.subject).toBe('Votre tandem est terminé\u00a0: nous vous cherchons un nouveau mentor');
  });

  it('is obsolete while the tandem is active; names nobody when the other member was erased', async () => {
    const active = seed();
    expect(await sendMail(closed(active, 'mentee'))).toBe('obsolete');
    const s = seed({ status: 'ended_early' });
    table.put(personItem(erased(s.mentor)));
    expect(await sendMail(closed(s, 'mentee', true))).toBe('sent');
    expect(mailer.sent[0]!.text).toContain('Votre tandem de mentorat est terminé.');
  });
});

describe('the retention notice', () => {
  const notice = (mentee: MenteeProfile) => job({ template: 'retention_notice', to: { role: 'mentee', personId: mentee.id }, erasesOn: '2027-02-14' });

  it('tells an unmatched mentee when the profile will be erased and how to keep it', async () => {
    const mentee = menteeProfile({ status: 'unmatched' });
    table.put(personItem(mentee));
    expect(await sendMail(notice(mentee))).toBe('sent');
    expect(mailer.sent[0]!.to).toBe(mentee.email);
    expect(mailer.sent[0]!.subject).toBe('Votre profil Tandem sera effacé le 14 février 2027');
    expect(mailer.sent[0]!.text).toContain('écrivez-nous avant cette date à contact@cciamp.example');
  });

  it('is obsolete once the mentee is matched again', async () => {
    const mentee = menteeProfile({ status: 'in_tandem' });
    table.put(personItem(mentee));
    expect(await sendMail(notice(mentee))).toBe('obsolete');
  });
});

describe('an erased person gets nothing, whatever the template', () => {
  it.each([
    ['check_in', (s: Seeded) => checkIn(s, 'mentee')],
    ['outcome_survey', (s: Seeded) => survey(s, 'mentee')],
    ['tandem_closed', (s: Seeded) => job({ template: 'tandem_closed', to: { role: 'mentee', personId: s.mentee.id }, tandemId: s.tandem.id, rematch: false })],
    ['retention_notice', (s: Seeded) => job({ template: 'retention_notice', to: { role: 'mentee', personId: s.mentee.id }, erasesOn: '2027-02-14' })],
    ['verify_email', (s: Seeded) => job({ template: 'verify_email', to: { role: 'mentee', personId: s.mentee.id }, reminder: false })],
    ['already_registered', (s: Seeded) => job({ template: 'already_registered', to: { role: 'mentee', personId: s.mentee.id } })],
    ['introduction', (s: Seeded) => job({ template: 'introduction', to: { role: 'mentee', personId: s.mentee.id }, tandemId: s.tandem.id })],
  ])('%s to an erased mentee', async (_template, build) => {
    const s = seed({ status: 'ended_early', mentee: { status: 'unmatched' } });
    table.put(personItem(erased(s.mentee)));
    expect(await sendMail(build(s))).toBe('recipient_gone');
    expect(mailer.sent).toEqual([]);
  });

  it.each([
    ['mentor_validated', (s: Seeded) => job({ template: 'mentor_validated', to: { role: 'mentor', personId: s.mentor.id } })],
    ['mentor_refused', (s: Seeded) => job({ template: 'mentor_refused', to: { role: 'mentor', personId: s.mentor.id } })],
    ['check_in', (s: Seeded) => checkIn(s, 'mentor')],
    ['tandem_closed', (s: Seeded) => job({ template: 'tandem_closed', to: { role: 'mentor', personId: s.mentor.id }, tandemId: s.tandem.id, rematch: false })],
    [
      'proposal',
      (s: Seeded) => {
        table.put(proposalItem({ menteeId: s.mentee.id, mentorId: s.mentor.id, attempt: 1, rank: 1, score: 0.5, reasons: [], status: 'pending', createdAt: NOW, expiresAt: new Date(Date.parse(NOW) + 3 * DAY).toISOString() }, { taskToken: 'token' }));
        return job({ template: 'proposal', to: { role: 'mentor', personId: s.mentor.id }, menteeId: s.mentee.id, reminder: false });
      },
    ],
  ])('%s to an erased mentor', async (_template, build) => {
    const s = seed();
    table.put(personItem(erased(s.mentor)));
    expect(await sendMail(build(s))).toBe('recipient_gone');
    expect(mailer.sent).toEqual([]);
  });

  it('nor does anyone about an erased person: the partner’s introduction and outcome survey are obsolete', async () => {
    const s = seed({ status: 'ended_early' });
    table.put(personItem(erased(s.mentee)));
    expect(await sendMail(job({ template: 'introduction', to: { partnerId: s.partner.id }, tandemId: s.tandem.id }))).toBe('obsolete');
    expect(await sendMail(survey(s, 'partner'))).toBe('obsolete');
    expect(mailer.sent).toEqual([]);
  });

  it('a person without an address (no e-mail kept) gets nothing either', async () => {
    const s = seed();
    table.put(personItem({ ...s.mentee, email: '' }));
    expect(await sendMail(checkIn(s, 'mentee'))).toBe('recipient_gone');
    expect(mailer.sent).toEqual([]);
  });
});
