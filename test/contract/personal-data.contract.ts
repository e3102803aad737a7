/**
 * What every PersonalDataStore promises (shared/ports/personal-data.ts), run against each adapter:
 * a mentee read from its partition and a mentor from its history index; first names by id; the
 * anonymisation of a profile (personal attributes gone, `erased` in the indexes, the département
 * kept, the claim, sign-up and resend items, availability entries and cohort names deleted) once;
 * a person's check-in texts removed; the unmatched mentees read by sign-up date in pages; the
 * retention notice recorded once; the closed tandems' retention queue read and applied once.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  availabilityItems,
  checkInRoundItem,
  cohortDraftItem,
  cohortListingItem,
  emailClaimItem,
  JOB_ITEM_SECONDS,
  outboxItem,
  outcomeSurveyItem,
  personItem,
  proposalItem,
  tandemItem,
  tandemRetentionItem,
  type Item,
} from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import type { CohortDraft } from '../../shared/domain/cohort';
import { fingerprintSubmission, hashEmail } from '../../shared/domain/fingerprints';
import type { CheckInRound, OutcomeMilestone, OutcomeRecord, OutcomeSurvey } from '../../shared/domain/follow-up';
import type { MailJob } from '../../shared/domain/mail-job';
import type { MentorProfile } from '../../shared/domain/people';
import type { PersonalDataStore } from '../../shared/ports/personal-data';
import { activeMentor, proposalOf, tandemOf, waitingMentee } from './matching-store.contract';
import { later, signUpJob, T0 } from './support';

export interface PersonalDataSubject {
  store: PersonalDataStore;
  put(items: Item[]): Promise<void>;
  readItem(key: Key): Promise<Item | undefined>;
  cleanup(): Promise<void>;
}

const { GSI1 } = TABLE.indexes;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const days = (n: number) => later(n * 86400);

export const answeredRound = (tandemId: string, seq = 1): CheckInRound => ({
  tandemId,
  seq,
  kind: 'monthly',
  dueAt: T0.toISOString(),
  status: 'sent',
  sentAt: T0.toISOString(),
  answers: {
    mentor: { kind: 'monthly', meetingsSince: 2, satisfaction: 4, progress: 'Le plan avance bien', needsHelp: false, privateNote: 'Note du mentor', answeredAt: T0.toISOString() },
    mentee: { kind: 'monthly', meetingsSince: 2, satisfaction: 5, progress: 'Mon dossier est prêt', needsHelp: true, privateNote: 'Note de la personne', answeredAt: T0.toISOString() },
  },
});

export function personalDataContract(name: string, makeSubject: () => Promise<PersonalDataSubject>) {
  describe(`PersonalDataStore contract: ${name}`, () => {
    let subject: PersonalDataSubject;
    let store: PersonalDataStore;

    beforeEach(async () => {
      subject = await makeSubject();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe('reads', () => {
      it('reads a mentee with its proposals and the tandems they and the profile name', async () => {
        const mentee = waitingMentee({ status: 'in_tandem' });
        const [m1, m2] = [activeMentor(), activeMentor()];
        const accepted = proposalOf(mentee, m1, { status: 'accepted', tandemId: randomUUID() });
        const declined = proposalOf(mentee, m2, { status: 'declined' });
        const current = randomUUID();
        await subject.put([personItem({ ...mentee, tandemId: current }), proposalItem(accepted, { taskToken: 't' }), proposalItem(declined, { taskToken: 't' })]);

        const read = await store.readPerson('mentee', mentee.id);

        expect(read?.person).toMatchObject({ id: mentee.id, firstName: mentee.firstName });
        expect(read?.proposals.map((p) => p.mentorId).sort()).toEqual([m1.id, m2.id].sort());
        expect(new Set(read?.tandemIds)).toEqual(new Set([accepted.tandemId, current]));
        expect(JSON.stringify(read)).not.toContain('taskToken');
        expect(await store.readPerson('mentee', randomUUID())).toBeUndefined();
      });

      it('reads a mentor with every proposal made to it and its tandems, from its history index', async () => {
        const mentor = activeMentor();
        const [a, b] = [waitingMentee(), waitingMentee()];
        const pa = proposalOf(a, mentor, { status: 'accepted' });
        const pb = proposalOf(b, mentor, { createdAt: later(60).toISOString() });
        const tandem = tandemOf(pa);
        const other = proposalOf(b, activeMentor());
        await subject.put([personItem(mentor), proposalItem(pa, { taskToken: 't' }), proposalItem(pb, { taskToken: 't' }), proposalItem(other, { taskToken: 't' }), tandemItem(tandem)]);

        const read = await store.readPerson('mentor', mentor.id);

        expect(read?.person.id).toBe(mentor.id);
        expect(read?.proposals.map((p) => p.menteeId)).toEqual([a.id, b.id]);
        expect(read?.tandemIds).toEqual([tandem.id]);
        expect(await store.readPerson('mentor', randomUUID())).toBeUndefined();
      });

      it('gives first names by id, without the unknown', async () => {
        const [x, y] = [activeMentor({ firstName: 'Aline' }), activeMentor({ firstName: 'Bruno' })];
        await subject.put([personItem(x), personItem(y)]);

        const names = await store.firstNames('mentor', [x.id, y.id, x.id, randomUUID()]);

        expect(Object.fromEntries(names)).toEqual({ [x.id]: 'Aline', [y.id]: 'Bruno' });
      });
    });

    describe('anonymise', () => {
      it('erases a mentee: personal attributes gone, status erased in the indexes, what reports count kept, its traces deleted', async () => {
        const job = signUpJob({ role: 'mentee' });
        const signUpKey = fingerprintSubmission('mentee', job.signUp);
        const mentee = waitingMentee({ status: 'unmatched', partnerId: 'partner-1', conflictingOrganisations: ['Acme'], signUpKey, postalCode: '13100', communeCode: '13001' });
        const resendKey = keys.outbox('resend', fingerprintSubmission('resend', { role: 'mentee', email: mentee.email }));
        const draft = cohortDraft([mentee.id, 'someone-else']);
        await subject.put([
          personItem(mentee),
          emailClaimItem({ role: 'mentee', emailHash: hashEmail(mentee.email), personId: mentee.id }),
          outboxItem(job, { dedupKey: signUpKey, expiresAt: epoch(T0) + 600 }),
          { ...resendKey, entity: 'Outbox', job: { kind: 'resend', email: mentee.email } },
          cohortDraftItem(draft),
          cohortListingItem(draft),
        ]);

        const outcome = await store.anonymise({ role: 'mentee', personId: mentee.id, now: days(1) });

        expect(outcome).toEqual({ outcome: 'erased', erasedAt: days(1).toISOString() });
        const item = (await subject.readItem(keys.person('mentee', mentee.id)))!;
        for (const attribute of ['firstName', 'lastName', 'phone', 'postalCode', 'communeCode', 'project', 'conflictingOrganisations', 'emailHash', 'signUpKey']) {
          expect(item, attribute).not.toHaveProperty(attribute);
        }
        expect(item).toMatchObject({ email: '', status: 'erased', erasedAt: days(1).toISOString(), departement: '13', track: mentee.track, sector: mentee.sector, partnerId: 'partner-1' });
        expect(item[GSI1.partitionKey]).toBe('MENTEE#STATUS#erased');
        expect(await subject.readItem(keys.emailClaim('mentee', hashEmail(mentee.email)))).toBeUndefined();
        expect(await subject.readItem(keys.outbox('sign_up', signUpKey))).toBeUndefined();
        expect(await subject.readItem(resendKey)).toBeUndefined();
        const names = ((await subject.readItem(keys.cohortDraft(draft.id)))!.solution as CohortDraft['solution']).names;
        expect(Object.keys(names)).toEqual(['someone-else']);
      });

      it('answers already_erased the second time, with the first date, and changes nothing', async () => {
        const mentee = waitingMentee({ status: 'unmatched' });
        await subject.put([personItem(mentee)]);
        await store.anonymise({ role: 'mentee', personId: mentee.id, now: days(1) });

        expect(await store.anonymise({ role: 'mentee', personId: mentee.id, now: days(2) })).toEqual({ outcome: 'already_erased', erasedAt: days(1).toISOString() });
        expect(await store.anonymise({ role: 'mentee', personId: randomUUID(), now: days(2) })).toEqual({ outcome: 'not_found' });
      });

      it('refuses, writing nothing, an erasure whose expected state is gone: the mentee matched meanwhile, or noticed anew', async () => {
        const noticed = days(-40).toISOString();
        const matched = waitingMentee({ status: 'awaiting_match' });
        const renoticed = waitingMentee({ status: 'unmatched', retentionNoticeAt: days(-1).toISOString() });
        const still = waitingMentee({ status: 'unmatched', retentionNoticeAt: noticed });
        await subject.put([personItem(matched), personItem(renoticed), personItem(still)]);
        const expect_ = { status: 'unmatched' as const, retentionNoticeAt: noticed };

        expect(await store.anonymise({ role: 'mentee', personId: matched.id, now: days(1), expect: expect_ })).toEqual({ outcome: 'not_eligible' });
        expect(await store.anonymise({ role: 'mentee', personId: renoticed.id, now: days(1), expect: expect_ })).toEqual({ outcome: 'not_eligible' });
        for (const person of [matched, renoticed]) expect(await subject.readItem(keys.person('mentee', person.id))).toMatchObject({ firstName: person.firstName, status: person.status });
        expect(await store.anonymise({ role: 'mentee', personId: still.id, now: days(1), expect: expect_ })).toEqual({ outcome: 'erased', erasedAt: days(1).toISOString() });
      });

      it('erases a mentor with its availability entries, and keeps an address claim that is another person’s', async () => {
        const mentor = activeMentor({ refusal: { reason: 'Motif de la CCI', at: T0.toISOString() } } as Partial<MentorProfile>);
        const claim = emailClaimItem({ role: 'mentor', emailHash: hashEmail(mentor.email), personId: randomUUID() });
        const entries = availabilityItems(mentor);
        expect(entries.length).toBeGreaterThan(0);
        await subject.put([personItem(mentor), claim, ...entries]);

        await store.anonymise({ role: 'mentor', personId: mentor.id, now: days(1) });

        const item = (await subject.readItem(keys.person('mentor', mentor.id)))!;
        for (const attribute of ['firstName', 'lastName', 'phone', 'company', 'jobTitle', 'bio', 'postalCode', 'communeCode', 'refusal']) expect(item, attribute).not.toHaveProperty(attribute);
        expect(item).toMatchObject({ status: 'erased', departement: '13', tracks: mentor.tracks, sectors: mentor.sectors });
        for (const entry of entries) expect(await subject.readItem({ [TABLE.partitionKey]: String(entry[TABLE.partitionKey]), [TABLE.sortKey]: String(entry[TABLE.sortKey]) })).toBeUndefined();
        expect(await subject.readItem(keys.emailClaim('mentor', hashEmail(mentor.email)))).toEqual(claim);
      });
    });

    describe('proposal reasons', () => {
      it('empties a proposal’s stored reasons and keeps the proposal', async () => {
        const p = proposalOf(waitingMentee(), activeMentor(), { status: 'declined', reasons: [{ code: 'same_commune', params: { commune: '13041' }, text: { fr: 'Même commune', en: 'Same commune' } }] });
        await subject.put([proposalItem(p, { taskToken: 't' })]);

        await store.eraseProposalReasons({ menteeId: p.menteeId, mentorId: p.mentorId });

        expect(await subject.readItem(keys.proposal(p.menteeId, p.mentorId))).toMatchObject({ status: 'declined', reasons: [] });
      });
    });

    describe('check-in texts', () => {
      it('removes one person’s progress and private note, keeps the rest of both answers', async () => {
        const tandemId = randomUUID();
        await subject.put([checkInRoundItem(answeredRound(tandemId))]);

        expect(await store.eraseAnswerTexts({ tandemId, seq: 1, role: 'mentee' })).toBe('erased');
        expect(await store.eraseAnswerTexts({ tandemId, seq: 1, role: 'mentee' })).toBe('erased');
        expect(await store.eraseAnswerTexts({ tandemId, seq: 2, role: 'mentee' })).toBe('no_answer');

        const answers = (await subject.readItem(keys.checkInRound(tandemId, 1)))!.answers as Record<string, Item>;
        expect(answers.mentee).toEqual({ kind: 'monthly', meetingsSince: 2, satisfaction: 5, needsHelp: true, answeredAt: T0.toISOString() });
        expect(answers.mentor).toMatchObject({ progress: 'Le plan avance bien', privateNote: 'Note du mentor' });
      });
    });

    describe('outcomes of an erased person’s tandem', () => {
      const SIREN = '732829320';
      const created = { track: 'business_creation' as const, situation: 'company_created' as const, companyCreatedOn: '2027-01-10', siren: SIREN };
      const withoutSiren = { track: 'business_creation', situation: 'company_created', companyCreatedOn: '2027-01-10' };
      const surveyOf = (tandemId: string, milestone: OutcomeMilestone, status: OutcomeSurvey['status'], records: OutcomeSurvey['records'] = []): OutcomeSurvey => ({
        tandemId,
        milestone,
        dueAt: days(milestone * 30).toISOString(),
        status,
        ...(status === 'sent' ? { sentAt: days(milestone * 30).toISOString() } : {}),
        records,
      });

      it('cancels the surveys still scheduled or sent, out of their queues; a cancelled one stays as it is', async () => {
        const p = proposalOf(waitingMentee(), activeMentor(), { status: 'accepted' });
        const tandem = tandemOf(p, { status: 'completed', endedAt: T0.toISOString() });
        await subject.put([
          tandemItem(tandem),
          outcomeSurveyItem(surveyOf(tandem.id, 3, 'cancelled')),
          outcomeSurveyItem(surveyOf(tandem.id, 6, 'sent'), { remindAt: days(187).toISOString() }),
          outcomeSurveyItem(surveyOf(tandem.id, 12, 'scheduled')),
        ]);

        expect(await store.cancelOutcomeSurveys(tandem.id)).toBe(2);
        expect(await store.cancelOutcomeSurveys(tandem.id)).toBe(0);

        for (const milestone of [3, 6, 12]) {
          const survey = (await subject.readItem(keys.outcomeSurvey(tandem.id, milestone)))!;
          expect(survey.status, `M${milestone}`).toBe('cancelled');
          expect(survey[GSI1.partitionKey], `M${milestone}`).toBeUndefined();
        }
      });

      it('removes the SIREN from the tandem’s outcome and every record, keeping the records and the rest of each value', async () => {
        const p = proposalOf(waitingMentee(), activeMentor(), { status: 'accepted' });
        const tandem = tandemOf(p, { status: 'completed', endedAt: T0.toISOString(), outcome: created });
        const jobRecord = { value: { track: 'business_creation' as const, situation: 'none' as const }, source: 'mentee' as const, recordedAt: T0.toISOString() };
        await subject.put([
          tandemItem(tandem),
          outcomeSurveyItem(surveyOf(tandem.id, 6, 'sent', [jobRecord, { value: created, source: 'mentee', recordedAt: T0.toISOString() }, { value: created, source: 'cci', recordedAt: T0.toISOString() }])),
          outcomeSurveyItem(surveyOf(tandem.id, 12, 'scheduled')),
        ]);

        await store.eraseOutcomeSirens(tandem.id);
        await store.eraseOutcomeSirens(tandem.id);

        expect((await subject.readItem(keys.tandem(tandem.id)))!.outcome).toEqual(withoutSiren);
        const survey = (await subject.readItem(keys.outcomeSurvey(tandem.id, 6)))!;
        expect((survey.records as OutcomeRecord[]).map((r) => [r.source, r.value])).toEqual([
          ['mentee', jobRecord.value],
          ['mentee', withoutSiren],
          ['cci', withoutSiren],
        ]);
        expect(survey.status).toBe('sent');
        expect(await subject.readItem(keys.outcomeSurvey(tandem.id, 12))).toMatchObject({ status: 'scheduled', records: [] });
      });

      it('the closed tandem’s retention removes the SIREN too', async () => {
        const p = proposalOf(waitingMentee(), activeMentor(), { status: 'accepted' });
        const tandem = tandemOf(p, { status: 'completed', endedAt: T0.toISOString(), outcome: created });
        await subject.put([
          tandemItem(tandem),
          outcomeSurveyItem(surveyOf(tandem.id, 6, 'sent', [{ value: created, source: 'cci', recordedAt: T0.toISOString() }])),
          tandemRetentionItem({ tandemId: tandem.id, dueAt: days(10).toISOString(), done: false }),
        ]);

        expect(await store.completeTandemRetention({ tandemId: tandem.id, now: days(20) })).toBe('done');

        expect((await subject.readItem(keys.tandem(tandem.id)))!.outcome).toEqual(withoutSiren);
        expect(JSON.stringify(await subject.readItem(keys.outcomeSurvey(tandem.id, 6)))).not.toContain(SIREN);
      });
    });

    describe('unmatched mentees and notices', () => {
      it('reads the unmatched who signed up before a date, oldest first, page by page', async () => {
        const at = (d: number) => waitingMentee({ status: 'unmatched', createdAt: days(d).toISOString() });
        const mentees = [at(1), at(2), at(3), at(10)];
        await subject.put([...mentees.map((m) => personItem(m)), personItem(waitingMentee({ createdAt: days(1).toISOString() }))]);

        const seen: string[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < 5; i++) {
          const page = await store.unmatchedMentees({ createdBefore: days(5), limit: 2, cursor });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((m) => m.id));
          if (!page.cursor) break;
          cursor = page.cursor;
        }

        expect(seen).toEqual(mentees.slice(0, 3).map((m) => m.id));
      });

      it('records the notice and its mail once, only for an unmatched mentee', async () => {
        const mentee = waitingMentee({ status: 'unmatched' });
        const waiting = waitingMentee();
        await subject.put([personItem(mentee), personItem(waiting)]);
        const mail = (id: string) => {
          const job: MailJob = { kind: 'mail', template: 'retention_notice', id: randomUUID(), locale: 'fr', recordedAt: T0.toISOString(), to: { role: 'mentee', personId: id }, erasesOn: '2027-11-26' };
          return { job, dedupKey: `retention_notice#${id}` };
        };

        expect(await store.recordRetentionNotice({ menteeId: mentee.id, now: days(1), mail: mail(mentee.id) })).toBe('recorded');
        expect(await store.recordRetentionNotice({ menteeId: mentee.id, now: days(2), mail: mail(mentee.id) })).toBe('not_eligible');
        expect(await store.recordRetentionNotice({ menteeId: waiting.id, now: days(1), mail: mail(waiting.id) })).toBe('not_eligible');

        expect((await subject.readItem(keys.person('mentee', mentee.id)))?.retentionNoticeAt).toBe(days(1).toISOString());
        expect((await subject.readItem(keys.outbox('mail', `retention_notice#${mentee.id}`)))?.expiresAt).toBe(epoch(days(1)) + JOB_ITEM_SECONDS);
        expect(await subject.readItem(keys.outbox('mail', `retention_notice#${waiting.id}`))).toBeUndefined();
      });
    });

    describe('closed tandems', () => {
      it('reads the due retention entries and applies each once: closing note gone, anonymisedAt, out of the queue', async () => {
        const p = proposalOf(waitingMentee(), activeMentor(), { status: 'accepted' });
        const due = tandemOf(p, { status: 'completed', endedAt: T0.toISOString(), endNote: 'Note de clôture' });
        const notYet = tandemOf(p, { status: 'ended_early', endedAt: T0.toISOString() });
        await subject.put([
          tandemItem(due),
          tandemRetentionItem({ tandemId: due.id, dueAt: days(10).toISOString(), done: false }),
          tandemItem(notYet),
          tandemRetentionItem({ tandemId: notYet.id, dueAt: days(30).toISOString(), done: false }),
        ]);

        const page = await store.dueTandemRetentions({ now: days(20), limit: 10 });
        expect(page.items).toEqual([{ tandemId: due.id, dueAt: days(10).toISOString() }]);

        expect(await store.completeTandemRetention({ tandemId: due.id, now: days(20) })).toBe('done');
        expect(await store.completeTandemRetention({ tandemId: due.id, now: days(21) })).toBe('already_done');
        expect(await store.completeTandemRetention({ tandemId: randomUUID(), now: days(21) })).toBe('not_found');

        const tandem = (await subject.readItem(keys.tandem(due.id)))!;
        expect(tandem).not.toHaveProperty('endNote');
        expect(tandem.anonymisedAt).toBe(days(20).toISOString());
        expect((await store.dueTandemRetentions({ now: days(40), limit: 10 })).items.map((e) => e.tandemId)).toEqual([notYet.id]);
      });
    });
  });
}

/** A cohort draft naming `ids`. */
function cohortDraft(ids: string[]): CohortDraft {
  return {
    id: randomUUID(),
    partnerId: 'partner-1',
    partnerName: 'Partenaire',
    status: 'draft',
    version: 1,
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    edits: { pinned: [], forbidden: [], removed: [] },
    solution: {
      menteesConsidered: ids.length,
      mentorsConsidered: 0,
      matched: 0,
      totalScore: 0,
      pairs: [],
      unassigned: [],
      texts: [],
      names: Object.fromEntries(ids.map((id) => [id, ['Prénom', 'Nom']])),
    },
  };
}

