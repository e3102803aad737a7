/**
 * The demo's cohort scenario (infra/local/demo-seed.ts): Work’Up Massilia keeps a dedicated pool
 * of 8 active mentors and has 10 associates waiting with no workflow running, so that a cohort can
 * be built in the console; built on the demo's own items, the draft uses the pool only.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_COHORT_PARTNER_ID, DEMO_DATA_VERSION, cohortScenario, demoItems, demoProgramme } from '../../infra/local/demo-seed';
import { memoryCohortStore } from '../../shared/adapters/memory/cohort-store';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryTable } from '../../shared/adapters/memory/table';
import { ENTITY } from '../../shared/db/items';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { makeCreateCohortDraft } from '../../shared/use-cases/admin/create-cohort-draft';

const NOW = new Date('2026-12-01T00:00:00Z');
const programme = demoProgramme(NOW);

describe('the demo cohort scenario', () => {
  const { partner, mentors, mentees } = cohortScenario(NOW);

  it('is a partner with a dedicated pool of 8 active mentors with free places and 10 unmatched associates, in the programme', () => {
    expect(partner).toMatchObject({ id: DEMO_COHORT_PARTNER_ID, name: 'Work’Up Massilia', status: 'active', dedicatedPool: true });
    expect(mentors).toHaveLength(8);
    expect(mentors.every((m) => m.status === 'active' && m.activeMentees < m.capacity && m.pools?.includes(partner.id))).toBe(true);
    expect(mentees).toHaveLength(10);
    expect(mentees.every((m) => m.status === 'unmatched' && m.partnerId === partner.id && m.matchingAttempt === 1)).toBe(true);
    expect(programme.partners).toContainEqual(partner);
    expect(programme.mentors).toEqual(expect.arrayContaining(mentors));
    expect(programme.mentees).toEqual(expect.arrayContaining(mentees));
    expect(DEMO_DATA_VERSION).toBe(5);
  });

  it('holds people the sign-up forms would accept', () => {
    for (const m of mentors) {
      const { id: _id, role: _r, status: _s, activeMentees: _a, pools: _p, locale: _l, createdAt: _c, consentAt: _ca, consentVersion: _cv, verifiedAt: _v, ...fields } = m;
      expect(mentorSignUpSchema.safeParse({ ...fields, consent: true }).error).toBeUndefined();
    }
    for (const m of mentees) {
      const { id: _id, role: _r, status: _s, matchingAttempt: _m, locale: _l, createdAt: _c, consentAt: _ca, consentVersion: _cv, verifiedAt: _v, ...fields } = m;
      expect(menteeSignUpSchema.safeParse({ ...fields, consent: true }).error).toBeUndefined();
    }
  });

  it('gives a draft on the demo items that uses the pool only', async () => {
    const table = memoryTable();
    const items = demoItems(programme);
    expect(items.filter((i) => i.entity === ENTITY.partner).map((i) => i.id)).toEqual([DEMO_COHORT_PARTNER_ID]);
    for (const item of items) table.put(item);
    const create = makeCreateCohortDraft({ store: memoryMatchingStore(table), cohorts: memoryCohortStore(table), clock: { now: () => NOW } });
    const draft = await create({ partnerId: DEMO_COHORT_PARTNER_ID, locale: 'fr' });
    expect(draft).toMatchObject({ menteesConsidered: 10, mentorsConsidered: 8 });
    expect(draft.matched).toBeGreaterThanOrEqual(8);
    const pool = new Set(mentors.map((m) => m.id));
    expect(draft.pairs.every((p) => pool.has(p.mentor.id))).toBe(true);
  });
});
