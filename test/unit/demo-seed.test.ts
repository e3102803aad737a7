/**
 * The demo programme (`npm start -- --demo`) is in states the matching workflow can continue
 * from: tandems with the mentors who count them, the availability index of active mentors, the
 * first attempt on every mentee who went through matching, UUIDs the workflow's inputs accept,
 * and partners the introductions and reports can be sent to. Its follow-up is at every stage and
 * nothing in it is due at the seed's instant (the local jobs mail nothing at start).
 */
import { describe, expect, it } from 'vitest';
import { uuid } from 'zod';
import { DEMO_DATA_VERSION, DEMO_FOLLOW_UP_PARTNER_ID, demoFollowUpScenario, demoItems, demoMarker, demoMarkerVersion, demoProgramme, demoUuid } from '../../infra/local/demo-seed';
import { availabilityItems, ENTITY, tandemFromPartition } from '../../shared/db/items';
import { TABLE } from '../../shared/db/table';
import { checkInAnswerSchema, checkInDueAt, FOLLOW_UP_DEFAULTS, outcomeValueSchema } from '../../shared/domain/follow-up';
import { matchingExecutionInput } from '../../shared/domain/matching';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const programme = demoProgramme(NOW);
const items = demoItems(programme);
const { mentors, mentees, tandems, partners, followUps } = programme;
const mentorById = new Map(mentors.map((m) => [m.id, m]));
const active = tandems.filter((t) => t.status === 'active');
const closed = tandems.filter((t) => t.status !== 'active');

describe('demo programme', () => {
  it('gives every in_tandem mentee one active tandem with an active or paused mentor', () => {
    const inTandem = mentees.filter((m) => m.status === 'in_tandem');
    expect(inTandem.length).toBe(270);
    expect(active).toHaveLength(inTandem.length);
    for (const mentee of inTandem) {
      const tandem = tandems.find((t) => t.id === mentee.tandemId);
      expect(tandem).toMatchObject({ menteeId: mentee.id, status: 'active', track: mentee.track, attempt: 1 });
      expect(tandem!.partnerId).toBe(mentee.partnerId);
      expect(['active', 'paused']).toContain(mentorById.get(tandem!.mentorId)?.status);
      expect(Date.parse(tandem!.startedAt)).toBeGreaterThan(Date.parse(mentee.verifiedAt!));
      expect(Date.parse(tandem!.startedAt)).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(mentees.filter((m) => m.status !== 'in_tandem' && m.status !== 'closed').every((m) => m.tandemId === undefined)).toBe(true);
  });

  it("counts each mentor's active tandems exactly (closed ones not), never above its capacity", () => {
    expect(closed.length).toBeGreaterThan(0);
    for (const mentor of mentors) {
      const count = active.filter((t) => t.mentorId === mentor.id).length;
      expect(mentor.activeMentees).toBe(count);
      expect(mentor.activeMentees).toBeLessThanOrEqual(mentor.capacity);
    }
    // Tandems pair a mentee with a mentor offering its track.
    expect(tandems.every((t) => mentorById.get(t.mentorId)!.tracks.includes(t.track as never))).toBe(true);
  });

  it('puts active mentors, and only them, in the availability index, with their loads and pools', () => {
    const entries = items.filter((i) => i.entity === ENTITY.availability);
    expect(entries).toEqual(mentors.flatMap(availabilityItems));
    const active = mentors.filter((m) => m.status === 'active');
    expect(new Set(entries.map((e) => e.mentorId))).toEqual(new Set(active.map((m) => m.id)));
    const pooled = mentors.filter((m) => m.pools?.length);
    expect(pooled.length).toBeGreaterThan(0);
    const entry = entries.find((e) => e.mentorId === pooled.find((m) => m.status === 'active')!.id) as { candidate: { pools: string[] } };
    expect(entry.candidate.pools).toEqual([partners.find((p) => p.dedicatedPool)!.id]);
    expect(items.filter((i) => i.entity === ENTITY.tandem)).toHaveLength(tandems.length);
  });

  it('puts every mentee who went through matching at attempt 1, with ids the workflow accepts', () => {
    for (const mentee of mentees) {
      expect(mentee.matchingAttempt).toBe(mentee.status === 'pending_verification' ? undefined : 1);
      expect(uuid().safeParse(mentee.id).success).toBe(true);
    }
    const waiting = mentees.filter((m) => m.status === 'awaiting_match');
    expect(waiting.length).toBeGreaterThan(0);
    for (const m of waiting) expect(matchingExecutionInput.safeParse({ menteeId: m.id, attempt: m.matchingAttempt }).success).toBe(true);
    expect(mentors.every((m) => uuid().safeParse(m.id).success)).toBe(true);
    expect(new Set([...mentors, ...mentees].map((p) => p.id)).size).toBe(mentors.length + mentees.length);
  });

  it('is the same programme at every start (fixed ids), and partners have demo contact addresses', () => {
    const again = demoProgramme(NOW);
    expect(again).toEqual(programme);
    expect(demoUuid('mentee-0000-demo')).toBe(demoUuid('mentee-0000-demo'));
    expect(partners.every((p) => p.contactEmail?.endsWith('.example.org'))).toBe(true);
  });
});

describe('the demo follow-up', () => {
  const dueEntries = items.filter((i) => String(i[TABLE.indexes.GSI1.partitionKey] ?? '').startsWith('DUE#'));
  const byTandem = new Map<string, Record<string, unknown>[]>();
  for (const item of items) {
    const pk = String(item[TABLE.partitionKey]);
    if (pk.startsWith('TANDEM#')) byTandem.set(pk, [...(byTandem.get(pk) ?? []), item]);
  }

  it('puts nothing in a due queue at or before the seed: the jobs mail nothing at start', () => {
    expect(dueEntries.length).toBeGreaterThan(active.length * 2);
    const queues = new Set(dueEntries.map((i) => i[TABLE.indexes.GSI1.partitionKey]));
    expect(queues).toEqual(new Set(['DUE#CHECKIN', 'DUE#CHECKIN_REMINDER', 'DUE#OUTCOME', 'DUE#OUTCOME_REMINDER', 'DUE#SILENCE', 'DUE#TANDEM_RETENTION']));
    const past = dueEntries.filter((i) => Date.parse(String(i[TABLE.indexes.GSI1.sortKey]).split('#')[0]!) <= NOW.getTime());
    expect(past).toEqual([]);
  });

  it('gives every active tandem its past rounds sent and exactly one round scheduled, due within a month', () => {
    for (const { tandem, rounds, watch } of followUps.filter((f) => f.tandem.status === 'active')) {
      const scheduled = rounds.filter((r) => r.status === 'scheduled');
      expect(scheduled).toHaveLength(1);
      const due = Date.parse(scheduled[0]!.dueAt);
      expect(due).toBeGreaterThan(NOW.getTime());
      expect(due).toBeLessThanOrEqual(NOW.getTime() + FOLLOW_UP_DEFAULTS.checkInIntervalDays * DAY);
      expect(rounds.at(-1)).toBe(scheduled[0]);
      expect(rounds.map((r) => r.seq)).toEqual(rounds.map((_, i) => i + 1));
      expect(rounds.map((r) => r.dueAt)).toEqual(rounds.map((r) => checkInDueAt(tandem.startedAt, r.seq, FOLLOW_UP_DEFAULTS)));
      for (const round of rounds.slice(0, -1)) {
        expect(round.status).toBe('sent');
        expect(Date.parse(round.sentAt!)).toBeLessThanOrEqual(NOW.getTime());
      }
      expect(watch).toBeDefined();
      if (watch!.armed) {
        // Re-armed from the last answer (or the start).
        expect(watch!.dueAt).toBe(new Date(Date.parse(tandem.lastAnswerAt ?? tandem.startedAt) + FOLLOW_UP_DEFAULTS.silentAfterDays * DAY).toISOString());
      }
    }
  });

  it('holds answers the forms would accept: French free texts, satisfaction mostly 4–5, one side only or after the reminder sometimes', () => {
    const answers = followUps.flatMap((f) => f.rounds.flatMap((r) => Object.values(r.answers).map((a) => ({ round: r, answer: a }))));
    for (const { round, answer } of answers) {
      const { answeredAt, ...input } = answer;
      expect(checkInAnswerSchema.safeParse(input).error).toBeUndefined();
      expect(input.kind).toBe(round.kind);
      expect(Date.parse(answeredAt)).toBeGreaterThanOrEqual(Date.parse(round.sentAt!));
      expect(Date.parse(answeredAt)).toBeLessThanOrEqual(NOW.getTime());
    }
    const monthly = answers.flatMap(({ answer }) => (answer.kind === 'monthly' ? [answer] : []));
    const high = monthly.filter((a) => a.satisfaction >= 4).length;
    expect(high / monthly.length).toBeGreaterThan(0.7);
    expect(monthly.some((a) => a.satisfaction <= 3)).toBe(true);
    expect(monthly.every((a) => a.progress && /[éèàùç’]|nous|le|la/i.test(a.progress))).toBe(true);
    expect(answers.some(({ answer }) => answer.privateNote)).toBe(true);
    const sent = followUps.flatMap((f) => f.rounds.filter((r) => r.status === 'sent'));
    expect(sent.some((r) => Boolean(r.answers.mentor) !== Boolean(r.answers.mentee))).toBe(true);
    expect(sent.some((r) => r.remindedAt && Object.values(r.answers).some((a) => a.answeredAt > r.remindedAt!))).toBe(true);
  });

  it('asks the outcome at past milestones (records from the mentee and partners) and schedules the later ones', () => {
    const surveys = followUps.flatMap((f) => f.surveys.map((s) => ({ tandem: f.tandem, survey: s })));
    for (const { tandem, survey } of surveys) {
      const past = Date.parse(survey.dueAt) <= NOW.getTime();
      expect(survey.status).toBe(past ? 'sent' : 'scheduled');
      for (const record of survey.records) {
        expect(outcomeValueSchema.safeParse(record.value).error).toBeUndefined();
        expect(record.value.track).toBe(tandem.track);
        if (record.source === 'partner') expect(tandem.partnerId).toBeDefined();
      }
    }
    const sources = new Set(surveys.flatMap(({ survey }) => survey.records.map((r) => r.source)));
    expect(sources).toEqual(new Set(['mentee', 'partner', 'cci']));
    expect(surveys.some(({ survey }) => survey.status === 'scheduled')).toBe(true);
  });

  it('has open alerts of each kind for the home page, with the note on the answer that asked for help, and resolved ones', () => {
    const alerts = followUps.flatMap((f) => f.alerts.map((a) => ({ f, alert: a })));
    const open = alerts.filter(({ alert }) => alert.status === 'open');
    expect(new Set(open.map(({ alert }) => alert.kind))).toEqual(new Set(['help_requested', 'not_a_good_fit', 'silent']));
    expect(alerts.some(({ alert }) => alert.status === 'resolved')).toBe(true);
    expect(items.filter((i) => i[TABLE.indexes.GSI1.partitionKey] === 'ALERT#OPEN')).toHaveLength(open.length);
    for (const { f, alert } of open) {
      expect(f.tandem.status).toBe('active');
      expect(Date.parse(alert.raisedAt)).toBeLessThanOrEqual(NOW.getTime());
      if (alert.kind === 'silent') {
        expect(f.watch).toMatchObject({ armed: false });
        expect(Date.parse(f.tandem.lastAnswerAt ?? f.tandem.startedAt)).toBeLessThan(NOW.getTime() - FOLLOW_UP_DEFAULTS.silentAfterDays * DAY);
      } else {
        const answer = f.rounds.find((r) => r.seq === alert.seq)!.answers[alert.raisedBy as 'mentor' | 'mentee']!;
        expect(answer.privateNote).toBeTruthy();
        if (alert.kind === 'help_requested') expect(answer.needsHelp).toBe(true);
        else expect(answer).toMatchObject({ kind: 'first', fit: 'not_a_good_fit' });
      }
    }
    // Every request for help or poor fit in an answer raised its alert.
    for (const f of followUps) {
      for (const r of f.rounds) {
        for (const a of Object.values(r.answers)) {
          if (a.needsHelp) expect(f.alerts.some((x) => x.kind === 'help_requested' && x.seq === r.seq)).toBe(true);
          if (a.kind === 'first' && a.fit === 'not_a_good_fit') expect(f.alerts.some((x) => x.kind === 'not_a_good_fit')).toBe(true);
        }
      }
    }
  });

  it('closes tandems of closed mentees: completed with an outcome or ended early with a reason, rounds cancelled, retention due in 3 years', () => {
    expect(mentees.filter((m) => m.status === 'closed')).toHaveLength(closed.length);
    expect(closed.some((t) => t.status === 'completed' && t.outcome?.track === 'business_creation' && t.outcome.situation === 'company_created')).toBe(true);
    expect(closed.some((t) => t.status === 'completed' && t.outcome?.track === 'job_search' && t.outcome.situation !== 'none')).toBe(true);
    expect(closed.some((t) => t.status === 'ended_early')).toBe(true);
    for (const f of followUps.filter((x) => x.tandem.status !== 'active')) {
      const { tandem } = f;
      const mentee = mentees.find((m) => m.id === tandem.menteeId)!;
      expect(mentee).toMatchObject({ status: 'closed', tandemId: tandem.id });
      expect(Date.parse(tandem.endedAt!)).toBeGreaterThanOrEqual(Date.parse(tandem.startedAt));
      expect(Date.parse(tandem.endedAt!)).toBeLessThanOrEqual(NOW.getTime());
      if (tandem.status === 'completed') expect(tandem.outcome).toBeDefined();
      else expect(['no_contact', 'mentee_found_job', 'mentee_stopped', 'other']).toContain(tandem.endReason);
      expect(f.rounds.some((r) => r.status === 'scheduled')).toBe(false);
      expect(f.rounds.at(-1)!.status).toBe('cancelled');
      expect(f.watch?.armed).toBe(false);
      expect(f.alerts.every((a) => a.status === 'resolved')).toBe(true);
      expect(f.retention).toEqual({ tandemId: tandem.id, dueAt: new Date(Date.parse(tandem.endedAt!) + FOLLOW_UP_DEFAULTS.closedTandemRetentionDays * DAY).toISOString(), done: false });
      expect(Date.parse(f.retention!.dueAt)).toBeGreaterThan(NOW.getTime());
      const mentor = mentorById.get(tandem.mentorId)!;
      expect(mentor.tracks).toContain(tandem.track);
    }
  });

  it('writes each tandem partition through the builders, as one Query reads it back', () => {
    for (const f of followUps) {
      const partition = byTandem.get(`TANDEM#${f.tandem.id}`)!;
      expect(tandemFromPartition(partition)).toEqual(f);
    }
    expect(items.filter((i) => i.entity === ENTITY.checkInRound)).toHaveLength(followUps.reduce((n, f) => n + f.rounds.length, 0));
  });

  it('keeps unmatched mentees below the retention notice age, but two whose notice is due', () => {
    const noticeAge = FOLLOW_UP_DEFAULTS.unmatchedRetentionDays - FOLLOW_UP_DEFAULTS.retentionNoticeDays;
    const ages = mentees.filter((m) => m.status === 'unmatched').map((m) => (NOW.getTime() - Date.parse(m.createdAt)) / DAY);
    const due = ages.filter((a) => a >= noticeAge);
    expect(due).toHaveLength(2);
    expect(due.every((a) => a < FOLLOW_UP_DEFAULTS.unmatchedRetentionDays)).toBe(true);
  });

  it('names the e2e scenario: a tandem of a known partner whose mentor gets a check-in within 31 days', () => {
    const scenario = demoFollowUpScenario(programme);
    const tandem = tandems.find((t) => t.id === scenario.tandemId)!;
    expect(tandem).toMatchObject({ status: 'active', partnerId: DEMO_FOLLOW_UP_PARTNER_ID, mentorId: scenario.mentorId, menteeId: scenario.menteeId });
    expect(mentorById.get(scenario.mentorId)).toMatchObject({ firstName: scenario.mentorFirstName, email: scenario.mentorEmail, locale: 'fr' });
    expect(Date.parse(scenario.nextCheckIn.dueAt)).toBeGreaterThan(NOW.getTime());
    expect(Date.parse(scenario.nextCheckIn.dueAt)).toBeLessThanOrEqual(NOW.getTime() + 31 * DAY);
    // Seeded at another instant, the scenario is the same tandem.
    expect(demoFollowUpScenario(demoProgramme(new Date(NOW.getTime() + 7 * 3600_000))).tandemId).toBe(scenario.tandemId);
  });
});

describe('the demo marker', () => {
  it('names the data version, so a hub can tell demo data seeded before the matching workflow', () => {
    const marker = demoMarker(new Date('2026-12-01T00:00:00Z'));
    expect(demoMarkerVersion(marker)).toBe(DEMO_DATA_VERSION);
    expect(DEMO_DATA_VERSION).toBe(5);
  });

  it('reads a marker from before versions (a bare timestamp) as version 1', () => {
    expect(demoMarkerVersion('2026-11-28T10:00:00.000Z\n')).toBe(1);
    expect(demoMarkerVersion('{"seededAt":"2026-11-28T10:00:00.000Z"}')).toBe(1);
  });
});
