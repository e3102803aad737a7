/**
 * The tandem lifecycle's use cases on the in-memory adapters (the matching hub's table): closing
 * (completed with an outcome, ended early for each reason, refused transitions), the re-match
 * that never proposes the same mentor again, the mentor's place freed, the follow-up stopped; the
 * CCI's outcome records, resolving alerts; the console's and the partner's tandem pages (the
 * partner never sees a private note nor the closing note); the home page's open alerts.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryBackOfficeReads } from '../../shared/adapters/memory/back-office-reads';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryTandemLifecycleStore } from '../../shared/adapters/memory/tandem-lifecycle-store';
import { checkInRoundItem, outcomeSurveyItem, silenceWatchItem, tandemAlertItem, tandemItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import { partnerTandemDetailSchema } from '../../shared/domain/follow-up-schemas';
import { tandemDetailSchema, attentionSchema } from '../../shared/domain/back-office-schemas';
import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import { canTransition, CHOSEN_END_REASONS, FOLLOW_UP_DEFAULTS, initialSchedule, REMATCH_REASONS, TANDEM_TRANSITIONS, type AlertKind } from '../../shared/domain/follow-up';
import { TANDEM_STATUSES, type Tandem } from '../../shared/domain/matching';
import { makeCloseTandem } from '../../shared/use-cases/admin/close-tandem';
import { makeGetAttention } from '../../shared/use-cases/admin/get-attention';
import { makeGetTandem } from '../../shared/use-cases/admin/get-tandem';
import { makeRecordTandemOutcome } from '../../shared/use-cases/admin/record-tandem-outcome';
import { makeResolveTandemAlert } from '../../shared/use-cases/admin/resolve-tandem-alert';
import { makeGetPartnerTandem } from '../../shared/use-cases/partner/get-partner-tandem';
import { makeMatchingHub } from '../helpers/matching-hub';

const { GSI1 } = TABLE.indexes;
const STARTED = '2026-08-01T09:00:00.000Z';

function lifecycle() {
  const hub = makeMatchingHub();
  const store = memoryTandemLifecycleStore(hub.table);
  const reads = memoryBackOfficeReads(hub.table);
  const followUp = memoryFollowUpReads(hub.table);
  const settings = { closedTandemRetentionDays: 1095 };
  return {
    hub,
    closeTandem: makeCloseTandem({ store, clock: hub.clock, settings }),
    recordOutcome: makeRecordTandemOutcome({ store, clock: hub.clock }),
    resolveAlert: makeResolveTandemAlert({ store, clock: hub.clock }),
    getTandem: makeGetTandem({ reads, followUp, store: hub.store }),
    getPartnerTandem: makeGetPartnerTandem({ reads, followUp }),
    getAttention: makeGetAttention({ reads, clock: hub.clock }),
    /** An active tandem started 4 months ago with its schedule, a first round answered by both (private notes), round 2 scheduled. */
    seedTandem(overrides: Partial<Tandem> = {}) {
      const mentor = hub.seedMentor({ activeMentees: 1 });
      const mentee = hub.seedMentee({ status: 'awaiting_match' });
      const tandem: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentor.id, track: 'business_creation', status: 'active', startedAt: STARTED, attempt: 1, ...overrides };
      hub.seedMentee({ ...mentee, status: 'in_tandem', tandemId: tandem.id });
      const schedule = initialSchedule(tandem, FOLLOW_UP_DEFAULTS);
      const base = { kind: 'first' as const, firstMeetingHeld: true, fit: 'good' as const, needsHelp: false, answeredAt: '2026-08-16T08:00:00.000Z' };
      for (const item of [
        tandemItem(tandem),
        checkInRoundItem({ ...schedule.round, status: 'sent', sentAt: '2026-08-15T07:00:00.000Z', remindedAt: '2026-08-22T07:00:00.000Z', answers: { mentor: { ...base, privateNote: 'Note du mentor' }, mentee: { ...base, privateNote: 'Note du mentoré' } } }),
        checkInRoundItem({ tandemId: tandem.id, seq: 2, kind: 'monthly', dueAt: '2026-12-14T09:00:00.000Z', status: 'scheduled', answers: {} }),
        ...schedule.surveys.map((s) => outcomeSurveyItem(s)),
        silenceWatchItem({ tandemId: tandem.id, dueAt: '2026-12-15T08:00:00.000Z', armed: true }),
      ]) {
        hub.table.put(item);
      }
      return { tandem, mentor, mentee };
    },
    raise(tandemId: string, kind: AlertKind, raisedAt: string) {
      hub.table.put(tandemAlertItem({ tandemId, kind, raisedAt, raisedBy: kind === 'silent' ? 'system' : 'mentee', status: 'open' }));
    },
    checkInsDue: () => hub.table.scan().filter((i) => i[GSI1.partitionKey] === keys.dueQueue('CHECKIN').value),
  };
}

describe('the transition table', () => {
  it.each(TANDEM_STATUSES.flatMap((from) => TANDEM_STATUSES.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const allowed = from === 'active' && (to === 'completed' || to === 'ended_early');
    expect(canTransition(from, to)).toBe(allowed);
    expect(TANDEM_TRANSITIONS[from].includes(to)).toBe(allowed);
  });
});

describe('closing a tandem', () => {
  it('completed with an outcome: the outcome on the tandem and as a CCI record, the mentor’s place freed, the follow-up stopped, mails to both', async () => {
    const l = lifecycle();
    const { tandem, mentor, mentee } = l.seedTandem();
    const outcome = { track: 'business_creation' as const, situation: 'company_created' as const, companyCreatedOn: '2026-11-20' };

    const result = await l.closeTandem({ tandemId: tandem.id, status: 'completed', outcome, note: '  Belle réussite  ', by: 'cci' });

    expect(result).toMatchObject({ outcome: 'closed', rematch: false, tandem: { status: 'completed', outcome, endNote: 'Belle réussite', endedAt: l.hub.clock.now().toISOString() } });
    expect(await l.hub.mentor(mentor.id)).toMatchObject({ activeMentees: 0 });
    expect(await l.hub.mentee(mentee.id)).toMatchObject({ status: 'closed' });
    // Four months in: the 3-month survey gets the CCI's record, the others stay scheduled.
    const detail = await l.getTandem(tandem.id);
    expect(detail.outcomes.map((o) => [o.milestone, o.status, o.current?.source])).toEqual([
      [3, 'scheduled', 'cci'],
      [6, 'scheduled', undefined],
      [12, 'scheduled', undefined],
    ]);
    expect(detail.checkIns.map((r) => r.status)).toEqual(['sent', 'cancelled']);
    expect(l.checkInsDue()).toEqual([]);
    const jobs = l.hub.jobs().map(({ job }) => job);
    expect(jobs.filter((j) => j.kind === 'capacity_appeared')).toEqual([expect.objectContaining({ mentorId: mentor.id })]);
    expect(l.hub.mails().map((m) => [m.template, m.to, 'rematch' in m ? m.rematch : undefined])).toEqual(
      expect.arrayContaining([
        ['tandem_closed', { role: 'mentor', personId: mentor.id }, false],
        ['tandem_closed', { role: 'mentee', personId: mentee.id }, false],
      ]),
    );
    expect(jobs.some((j) => j.kind === 'start_matching')).toBe(false);
  });

  it.each(CHOSEN_END_REASONS)('ended early (%s): the reason recorded, a re-match only after not_a_good_fit or mentor_unavailable', async (reason) => {
    const l = lifecycle();
    const { tandem, mentee } = l.seedTandem();

    const result = await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason, by: 'cci' });

    const rematch = REMATCH_REASONS.has(reason);
    expect(result).toMatchObject({ outcome: 'closed', rematch, tandem: { status: 'ended_early', endReason: reason } });
    expect((await l.hub.mentee(mentee.id)).status).toBe(rematch ? 'awaiting_match' : 'closed');
    const surveys = (await l.getTandem(tandem.id)).outcomes.map((o) => o.status);
    expect(surveys).toEqual(rematch ? ['cancelled', 'cancelled', 'cancelled'] : ['scheduled', 'scheduled', 'scheduled']);
  });

  it('a re-match starts the next attempt, and the ranking never proposes this mentor again', async () => {
    const l = lifecycle();
    const { tandem, mentor, mentee } = l.seedTandem();
    const other = l.hub.seedMentor({ firstName: 'Aline' });

    await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'not_a_good_fit', by: 'cci' });

    expect(await l.hub.mentee(mentee.id)).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, endedWith: [mentor.id] });
    expect(l.hub.jobs().map(({ job }) => job)).toContainEqual(expect.objectContaining({ kind: 'start_matching', menteeId: mentee.id, attempt: 2 }));
    expect(l.hub.mails()).toContainEqual(expect.objectContaining({ template: 'tandem_closed', to: { role: 'mentee', personId: mentee.id }, rematch: true }));
    const ranked = await l.hub.rankCandidates({ menteeId: mentee.id, attempt: 2 });
    expect(ranked.candidates).toEqual([other.id]);
    expect((await l.hub.mentor(mentor.id)).activeMentees).toBe(0);
  });

  it('an erasure (person_erased): an erased mentor’s mentee is matched again, the surveys cancelled; an erased mentee is not mailed', async () => {
    const l = lifecycle();
    const first = l.seedTandem();
    expect(await l.closeTandem({ tandemId: first.tandem.id, status: 'ended_early', reason: 'person_erased', erased: 'mentor', by: 'erasure' })).toMatchObject({ rematch: true });

    const second = l.seedTandem();
    const { tandemId: _gone, ...rest } = await l.hub.mentee(second.mentee.id);
    l.hub.seedMentee({ ...rest, status: 'erased' });
    expect(await l.closeTandem({ tandemId: second.tandem.id, status: 'ended_early', reason: 'person_erased', erased: 'mentee', by: 'erasure' })).toMatchObject({ rematch: false });
    expect(l.hub.mails().filter((m) => m.template === 'tandem_closed' && m.to.personId === second.mentee.id)).toEqual([]);
    expect((await l.getTandem(second.tandem.id)).outcomes.every((o) => o.status === 'cancelled')).toBe(true);
  });

  it('an erased mentor (already `erased`, or named by the request): no `capacity_appeared`, no mail to it; its mentee mailed and matched again', async () => {
    const l = lifecycle();
    const named = l.seedTandem();
    const already = l.seedTandem();
    const gone = await l.hub.mentor(already.mentor.id);
    l.hub.seedMentor({ ...gone, status: 'erased' });

    for (const { tandem } of [named, already]) {
      expect(await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'person_erased', erased: 'mentor', by: 'erasure' })).toMatchObject({ outcome: 'closed', rematch: true });
    }

    const jobs = l.hub.jobs().map(({ job }) => job);
    expect(jobs.filter((j) => j.kind === 'capacity_appeared')).toEqual([]);
    for (const { mentor, mentee } of [named, already]) {
      expect(l.hub.mails().filter((m) => m.template === 'tandem_closed' && m.to.personId === mentor.id)).toEqual([]);
      expect(l.hub.mails()).toContainEqual(expect.objectContaining({ template: 'tandem_closed', to: { role: 'mentee', personId: mentee.id }, rematch: true }));
    }
  });

  it('refuses what the transition table refuses: a closed tandem is not_active (409 for the handler), an outcome of another track 409, an unknown tandem not_found', async () => {
    const l = lifecycle();
    const { tandem, mentor } = l.seedTandem();
    await expect(l.closeTandem({ tandemId: tandem.id, status: 'completed', outcome: { track: 'job_search', situation: 'training' }, by: 'cci' })).rejects.toMatchObject({
      constructor: ConflictError,
      code: 'invalid_transition',
    });
    await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'other', by: 'cci' });

    expect(await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'no_contact', by: 'cci' })).toEqual({ outcome: 'not_active', status: 'ended_early' });
    expect(await l.closeTandem({ tandemId: tandem.id, status: 'completed', outcome: { track: 'business_creation', situation: 'none' }, by: 'cci' })).toEqual({ outcome: 'not_active', status: 'ended_early' });
    expect(await l.closeTandem({ tandemId: randomUUID(), status: 'ended_early', reason: 'other', by: 'cci' })).toEqual({ outcome: 'not_found' });
    // The refused closes changed nothing: the place was freed once.
    expect((await l.hub.mentor(mentor.id)).activeMentees).toBe(0);
  });
});

describe('outcomes and alerts', () => {
  it('records CCI outcomes on active and closed tandems; the CCI’s latest is current; another track is 409; unknown 404', async () => {
    const l = lifecycle();
    const { tandem } = l.seedTandem({ track: 'job_search' });
    const first = await l.recordOutcome({ tandemId: tandem.id, milestone: 6, outcome: { track: 'job_search', situation: 'none' } });
    l.hub.advance(60_000);
    await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'mentee_found_job', by: 'cci' });
    const second = await l.recordOutcome({ tandemId: tandem.id, milestone: 6, outcome: { track: 'job_search', situation: 'permanent_contract' } });

    expect(first.records).toHaveLength(1);
    expect(second.records.map((r) => r.value)).toEqual([
      { track: 'job_search', situation: 'none' },
      { track: 'job_search', situation: 'permanent_contract' },
    ]);
    expect(second.current).toMatchObject({ source: 'cci', value: { situation: 'permanent_contract' } });
    await expect(l.recordOutcome({ tandemId: tandem.id, milestone: 3, outcome: { track: 'business_creation', situation: 'none' } })).rejects.toMatchObject({ code: 'invalid_transition' });
    await expect(l.recordOutcome({ tandemId: randomUUID(), milestone: 3, outcome: { track: 'job_search', situation: 'none' } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the home page lists open alerts newest first with names; a resolved one leaves it; resolving twice is fine, an unknown alert 404', async () => {
    const l = lifecycle();
    const a = l.seedTandem();
    const b = l.seedTandem();
    l.raise(a.tandem.id, 'silent', '2026-11-01T08:00:00.000Z');
    l.raise(b.tandem.id, 'help_requested', '2026-11-20T08:00:00.000Z');

    const attention = attentionSchema.parse(await l.getAttention());
    expect(attention.tandemAlerts.map((x) => [x.tandemId, x.kind, x.mentee.firstName, x.mentor.firstName])).toEqual([
      [b.tandem.id, 'help_requested', 'Yanis', 'Camille'],
      [a.tandem.id, 'silent', 'Yanis', 'Camille'],
    ]);

    const resolved = await l.resolveAlert({ tandemId: b.tandem.id, kind: 'help_requested' });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: l.hub.clock.now().toISOString() });
    expect(await l.resolveAlert({ tandemId: b.tandem.id, kind: 'help_requested' })).toEqual(resolved);
    expect((await l.getAttention()).tandemAlerts.map((x) => x.tandemId)).toEqual([a.tandem.id]);
    await expect(l.resolveAlert({ tandemId: b.tandem.id, kind: 'silent' })).rejects.toBeInstanceOf(NotFoundError);

    // Closing a tandem resolves its open alerts.
    await l.closeTandem({ tandemId: a.tandem.id, status: 'ended_early', reason: 'no_contact', by: 'cci' });
    expect((await l.getAttention()).tandemAlerts).toEqual([]);
  });

  it('the home page shows at most 20 alerts', async () => {
    const l = lifecycle();
    for (let i = 0; i < 22; i++) l.raise(randomUUID(), 'silent', `2026-11-${String(i + 1).padStart(2, '0')}T08:00:00.000Z`);
    // Alerts of tandems that do not exist are left out; the read still stops at 20.
    expect((await l.getAttention()).tandemAlerts).toEqual([]);
    const { tandem } = l.seedTandem();
    l.raise(tandem.id, 'silent', '2026-11-30T08:00:00.000Z');
    expect((await l.getAttention()).tandemAlerts.map((x) => x.tandemId)).toEqual([tandem.id]);
  });
});

describe('who sees what', () => {
  it('the CCI sees private notes and the closing note; the partner sees neither, and only its own tandems', async () => {
    const l = lifecycle();
    const partner = l.hub.seedPartner();
    const { tandem } = l.seedTandem({ partnerId: partner.id });
    l.raise(tandem.id, 'help_requested', '2026-11-20T08:00:00.000Z');

    const cci = tandemDetailSchema.parse(await l.getTandem(tandem.id));
    expect(cci.checkIns[0]?.answers.mentee?.privateNote).toBe('Note du mentoré');
    expect(cci.alerts).toHaveLength(1);

    const seen = await l.getPartnerTandem({ partnerId: partner.id, tandemId: tandem.id });
    expect(partnerTandemDetailSchema.strict().parse(seen)).toEqual(seen);
    expect(seen.checkIns[0]?.answers.mentee).toEqual({ answeredAt: '2026-08-16T08:00:00.000Z', kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false });
    expect(seen.alerts.map((a) => a.kind)).toEqual(['help_requested']);
    expect(JSON.stringify(seen)).not.toMatch(/Note du|privateNote/);
    expect(seen.mentor).toEqual({ firstName: 'Camille', lastName: 'Durand' });

    await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'other', note: 'Désaccord confidentiel', by: 'cci' });
    expect((await l.getTandem(tandem.id)).endNote).toBe('Désaccord confidentiel');
    const after = await l.getPartnerTandem({ partnerId: partner.id, tandemId: tandem.id });
    expect(after).toMatchObject({ status: 'ended_early', endReason: 'other' });
    expect(JSON.stringify(after)).not.toMatch(/Désaccord|endNote|privateNote/);
    expect(after.alerts).toEqual([]);

    await expect(l.getPartnerTandem({ partnerId: 'partner-other', tandemId: tandem.id })).rejects.toBeInstanceOf(NotFoundError);
    const unreferred = l.seedTandem();
    await expect(l.getPartnerTandem({ partnerId: partner.id, tandemId: unreferred.tandem.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the console’s page of a closed tandem: end fields, retention out of sight, the mentee’s proposals', async () => {
    const l = lifecycle();
    const { tandem } = l.seedTandem();
    await l.closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'mentee_stopped', by: 'cci' });
    const detail = tandemDetailSchema.parse(await l.getTandem(tandem.id));
    expect(detail).toMatchObject({ id: tandem.id, status: 'ended_early', endReason: 'mentee_stopped', endedAt: l.hub.clock.now().toISOString() });
    expect(detail.alerts).toEqual([]);
    expect(l.hub.table.get(keys.tandemRetention(tandem.id))).toMatchObject({ dueAt: '2029-11-30T10:00:00.000Z', done: false });
  });
});
