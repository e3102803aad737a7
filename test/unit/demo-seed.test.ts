/**
 * The demo programme (`npm start -- --demo`) is in states the matching workflow can continue
 * from: tandems with the mentors who count them, the availability index of active mentors, the
 * first attempt on every mentee who went through matching, UUIDs the workflow's inputs accept,
 * and partners the introductions and reports can be sent to.
 */
import { describe, expect, it } from 'vitest';
import { uuid } from 'zod';
import { DEMO_DATA_VERSION, demoItems, demoMarker, demoMarkerVersion, demoProgramme, demoUuid } from '../../infra/local/demo-seed';
import { availabilityItems, ENTITY } from '../../shared/db/items';
import { matchingExecutionInput } from '../../shared/domain/matching';

const NOW = new Date('2026-12-01T00:00:00Z');
const programme = demoProgramme(NOW);
const { mentors, mentees, tandems, partners } = programme;
const mentorById = new Map(mentors.map((m) => [m.id, m]));

describe('demo programme', () => {
  it('gives every in_tandem mentee one active tandem with an active or paused mentor', () => {
    const inTandem = mentees.filter((m) => m.status === 'in_tandem');
    expect(inTandem.length).toBe(270);
    expect(tandems).toHaveLength(inTandem.length);
    for (const mentee of inTandem) {
      const tandem = tandems.find((t) => t.id === mentee.tandemId);
      expect(tandem).toMatchObject({ menteeId: mentee.id, status: 'active', track: mentee.track, attempt: 1 });
      expect(tandem!.partnerId).toBe(mentee.partnerId);
      expect(['active', 'paused']).toContain(mentorById.get(tandem!.mentorId)?.status);
      expect(Date.parse(tandem!.startedAt)).toBeGreaterThan(Date.parse(mentee.verifiedAt!));
      expect(Date.parse(tandem!.startedAt)).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(mentees.filter((m) => m.status !== 'in_tandem').every((m) => m.tandemId === undefined)).toBe(true);
  });

  it("counts each mentor's tandems exactly, never above its capacity", () => {
    for (const mentor of mentors) {
      const count = tandems.filter((t) => t.mentorId === mentor.id).length;
      expect(mentor.activeMentees).toBe(count);
      expect(mentor.activeMentees).toBeLessThanOrEqual(mentor.capacity);
    }
    // Tandems pair a mentee with a mentor offering its track.
    expect(tandems.every((t) => mentorById.get(t.mentorId)!.tracks.includes(t.track as never))).toBe(true);
  });

  it('puts active mentors, and only them, in the availability index, with their loads and pools', () => {
    const items = demoItems(programme);
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

describe('the demo marker', () => {
  it('names the data version, so a hub can tell demo data seeded before the matching workflow', () => {
    const marker = demoMarker(new Date('2026-12-01T00:00:00Z'));
    expect(demoMarkerVersion(marker)).toBe(DEMO_DATA_VERSION);
    expect(DEMO_DATA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('reads a marker from before versions (a bare timestamp) as version 1', () => {
    expect(demoMarkerVersion('2026-11-28T10:00:00.000Z\n')).toBe(1);
    expect(demoMarkerVersion('{"seededAt":"2026-11-28T10:00:00.000Z"}')).toBe(1);
  });
});
