/**
 * The matching mails as the recipients read them: the proposal (and its reminder) shows the mentee
 * without contact details and one link per answer; introductions give each member the other's
 * name and address; the reports name the counts with the engine's labels; both languages, French
 * typography, every value escaped in HTML.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/domain/locale';
import type { StoredReason } from '../../shared/domain/matching';
import { formatDeadline, introductionMail, matchingFailedMail, proposalMail, unmatchedReportMail, type ProposedMentee } from '../../shared/mail/templates';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';

const links = {
  accept: 'https://tandem.example/proposal.html#token=accept.tok.en',
  decline: 'https://tandem.example/proposal.html#token=decline.tok.en',
  declineAndPause: 'https://tandem.example/proposal.html#token=pause.tok.en',
  reactivate: 'https://tandem.example/reactivate.html#token=react.tok.en',
};
const mentee: ProposedMentee = {
  firstName: 'Yanis',
  track: 'job_search',
  sector: 'I',
  needs: ['cv_interview', 'networking'],
  place: { postalCode: '13100' },
  meetingModes: ['in_person', 'remote'],
  languages: ['fr', 'ar'],
};
const reasons: StoredReason[] = [
  { code: 'same_sector', params: { sector: 'I' }, text: { fr: "Même secteur : hébergement et restauration", en: 'Same sector: accommodation and food service activities' } },
  { code: 'need_covered', params: { need: 'networking' }, text: { fr: 'Besoin ↔ expertise : réseau professionnel', en: 'Need ↔ expertise: professional network' } },
];
const expiresAt = '2026-12-08T13:00:00.000Z';

const proposal = (locale: Locale, reminder = false, firstName = mentee.firstName) =>
  proposalMail({ mentorFirstName: 'Camille', locale, mentee: { ...mentee, firstName }, reasons, expiresAt, links, reminder, reactivationDays: 90, ...TEST_MAIL_CONTEXT });

const people = {
  mentor: { firstName: 'Camille', lastName: 'Durand', email: 'camille.durand@example.org', jobTitle: 'Gérante', company: 'Durand Conseil' },
  mentee: { firstName: 'Yanis', lastName: 'Benali', email: 'yanis.benali@example.org' },
};
const introduction = (to: 'mentor' | 'mentee' | 'partner', locale: Locale = 'fr') =>
  introductionMail({ to, locale, ...people, track: 'job_search', startedAt: '2026-12-02T09:00:00.000Z', ...TEST_MAIL_CONTEXT });

const report = (to: 'programme' | 'partner', counts: Partial<{ considered: number; compatible: number; proposed: number }> = {}) =>
  unmatchedReportMail({
    to,
    menteeId: '0b6c9b0e-3f7e-4a55-9a55-5d1f3a1c2b10',
    firstName: 'Yanis',
    track: 'job_search',
    attempt: 2,
    considered: 12,
    compatible: 3,
    proposed: 3,
    excluded: { no_shared_language: 5, no_capacity: 4, too_far_for_in_person: 0 },
    ...counts,
    ...TEST_MAIL_CONTEXT,
  });

/** What a reader sees of the HTML version: no tags, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
const withoutUrls = (value: string) => value.replace(/https?:\/\/\S+/g, ' ');

describe('the proposal mail', () => {
  it('writes the subject in the mentor’s language, with the mentee’s first name and track', () => {
    expect(proposal('fr').subject).toBe('Proposition de mentorat\u00a0: Yanis, recherche d’emploi');
    expect(proposal('en').subject).toBe('Mentoring proposal: Yanis, job search');
    expect(proposal('fr', true).subject).toBe('Rappel\u00a0: Yanis attend votre réponse');
    expect(proposal('en', true).subject).toBe('Reminder: Yanis is waiting for your answer');
  });

  it('shows who the mentee is and why this match, in both languages, French first for a French mentor', () => {
    const { text, html } = proposal('fr');
    for (const body of [text, visible(html)]) {
      expect(body).toContain('Bonjour Camille,');
      expect(body).toContain('Hello Camille,');
      expect(body).toContain('Recherche d’emploi');
      expect(body).toContain('Job search');
      expect(body).toContain('Hébergement et restauration');
      expect(body).toContain('CV, lettre et entretien d’embauche\u202f; réseau professionnel');
      expect(body).toContain('CV, cover letter and job interview; professional network');
      expect(body).toContain('13100');
      expect(body).toContain('En présentiel et à distance');
      expect(body).toContain('Français et arabe');
      expect(body).toContain('French and Arabic');
      expect(body).toContain('Même secteur\u00a0: hébergement et restauration');
      expect(body).toContain('Need ↔ expertise: professional network');
      expect(body).toContain(formatDeadline(expiresAt, 'fr'));
      expect(body).toContain(formatDeadline(expiresAt, 'en'));
    }
    expect(text.indexOf('Bonjour')).toBeLessThan(text.indexOf('Hello'));
    expect(proposal('en').text.indexOf('Hello')).toBeLessThan(proposal('en').text.indexOf('Bonjour'));
  });

  it('lists needs whose labels hold "et"/"and" with semicolons, so they do not run together', () => {
    const withAnd = (locale: Locale) =>
      proposalMail({ mentorFirstName: 'Camille', locale, mentee: { ...mentee, needs: ['funding', 'business_plan'] }, reasons, expiresAt, links, reminder: false, reactivationDays: 90, ...TEST_MAIL_CONTEXT });
    expect(withAnd('fr').text).toContain('Besoins\u00a0: Financement et levée de fonds\u202f; business plan et modèle économique');
    expect(withAnd('en').text).toContain('Needs: Funding and fundraising; business plan and business model');
  });

  it('gives the answer-by date in Paris time', () => {
    expect(formatDeadline(expiresAt, 'fr')).toBe('mardi 8 décembre 2026 à 14:00');
    expect(formatDeadline(expiresAt, 'en')).toBe('Tuesday, 8 December 2026 at 14:00');
  });

  it('has one link per answer and the reactivation link, as buttons and as plain lines', () => {
    const { text, html } = proposal('fr');
    for (const link of Object.values(links)) {
      expect(text).toContain(link);
      expect(html).toContain(`href="${link}"`);
    }
    expect(visible(html)).toContain('Accepter');
    expect(visible(html)).toContain('Décliner et suspendre mes disponibilités');
    expect(visible(html)).toContain('Decline and pause my availability');
    expect(text).toMatch(/Pour accepter\u00a0:\nhttps:\/\/tandem\.example\/proposal\.html#token=accept\.tok\.en/);
    expect(text).toContain('valable 90 jours');
  });

  it('never shows the mentee’s last name, e-mail address or phone (it is not even given to it)', () => {
    const { text, html } = proposal('fr');
    expect(text + html).not.toMatch(/Benali|@example\.org|\+33|06 /);
    // The only e-mail address in it is the operator's contact.
    expect(new Set(text.match(/[\w.+-]+@[\w.-]+/g))).toEqual(new Set([TEST_MAIL_CONTEXT.operator.contactEmail]));
  });

  it('escapes what the mentee typed in the HTML version', () => {
    const { html } = proposal('fr', false, 'Yan<b>is</b>');
    expect(html).not.toContain('<b>is</b>');
    expect(html).toContain('Yan&lt;b&gt;is&lt;/b&gt;');
  });

  it('follows each language’s typography outside URLs', () => {
    for (const locale of ['fr', 'en'] as const) {
      const { text } = proposal(locale);
      const [first, second] = text.split('\n\n— — —\n\n');
      const french = locale === 'fr' ? first! : second!;
      const english = locale === 'fr' ? second! : first!;
      expect(withoutUrls(text)).not.toContain("'");
      expect(french).not.toMatch(/[^\u00a0\d]:(?!\/\/)/);
      expect(french).not.toMatch(/ [;!?]/);
      expect(french).toContain('Parcours\u00a0:');
      expect(withoutUrls(english)).not.toMatch(/[\u00a0\u202f ][:;!?]/);
    }
  });
});

describe('the introduction mails', () => {
  it('gives the mentor the mentee’s name and address, and the mentee the mentor’s', () => {
    const toMentor = introduction('mentor');
    expect(toMentor.subject).toBe('Votre tandem avec Yanis Benali commence');
    expect(toMentor.text).toContain('Yanis Benali');
    expect(toMentor.text).toContain('yanis.benali@example.org');
    expect(toMentor.text).not.toContain('camille.durand@example.org');
    const toMentee = introduction('mentee', 'en');
    expect(toMentee.subject).toBe('You have a mentor: Camille Durand');
    expect(toMentee.text).toContain('camille.durand@example.org');
    expect(toMentee.text).toContain('Gérante, Durand Conseil');
    expect(toMentee.text).not.toContain('yanis.benali@example.org');
    expect(toMentee.text.indexOf('Hello Yanis')).toBeLessThan(toMentee.text.indexOf('Bonjour Yanis'));
  });

  it('names both to the partner, without their addresses', () => {
    const { subject, text, html } = introduction('partner');
    expect(subject).toBe('Yanis Benali a un mentor');
    expect(text).toContain('Camille Durand');
    expect(text + html).not.toMatch(/durand@|benali@/);
    expect(text).toContain('2 décembre 2026');
  });
});

describe('the unmatched report', () => {
  it('counts in sentences, with the engine’s exclusion labels, in French then English', () => {
    const { subject, text } = report('partner');
    expect(subject).toBe('Aucun mentor trouvé pour Yanis');
    expect(text).toContain('12 mentors proposent l’accompagnement «\u00a0recherche d’emploi\u00a0» à sa portée');
    expect(text).toContain('3 remplissent toutes les conditions\u202f;');
    expect(text).toContain('Aucune langue en commun\u00a0: 5');
    expect(text).toContain('Le mentor n’a plus de place libre\u00a0: 4');
    expect(text).toContain('No shared language: 5');
    expect(text).not.toContain('département\u00a0: 0');
    expect(text.indexOf('Aucune langue')).toBeLessThan(text.indexOf('n’a plus de place libre'));
    expect(text.indexOf('Bonjour')).toBeLessThan(text.indexOf('Hello'));
  });

  it('agrees with one', () => {
    const { text } = report('programme', { considered: 1, compatible: 1, proposed: 1 });
    expect(text).toContain('1 mentor propose l’accompagnement');
    expect(text).toContain('1 remplit toutes les conditions');
    expect(text).toContain('1 mentor offers job search support');
  });

  it('gives the mentee’s id to the CCI only, and no personal data but the first name', () => {
    expect(report('programme').text).toContain('0b6c9b0e-3f7e-4a55-9a55-5d1f3a1c2b10');
    expect(report('partner').text).not.toContain('0b6c9b0e');
    expect(report('programme').text).not.toMatch(/Benali|@example\.org/);
  });
});

describe('the matching_failed alert', () => {
  it('names the mentee id, the attempt and the error, nothing else', () => {
    const { subject, text } = matchingFailedMail({ menteeId: '0b6c9b0e-3f7e-4a55-9a55-5d1f3a1c2b10', attempt: 3, errorName: 'InvalidTaskInputError', ...TEST_MAIL_CONTEXT });
    expect(subject).toBe('Alerte Tandem\u00a0: une mise en relation a échoué');
    expect(text).toContain('Identifiant de la personne accompagnée\u00a0: 0b6c9b0e-3f7e-4a55-9a55-5d1f3a1c2b10');
    expect(text).toContain('Erreur\u00a0: InvalidTaskInputError');
    expect(text).toContain('Attempt: 3');
  });
});
