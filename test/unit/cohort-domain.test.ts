/**
 * The pure part of cohort drafts (shared/domain/cohort.ts): how edits combine, how a solution is
 * stored compactly, and the console's view of it.
 */
import { describe, expect, it } from 'vitest';
import { cohortDraftSchema } from '../../shared/domain/back-office-schemas';
import {
  applyEdits,
  CohortEditError,
  cohortView,
  compactSolution,
  editsFor,
  EMPTY_EDITS,
  type CohortDraft,
  type CohortEdits,
} from '../../shared/domain/cohort';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const OUT = '00000000-0000-4000-8000-0000000000ff';
const X = '00000000-0000-4000-8000-0000000000f1';
const Y = '00000000-0000-4000-8000-0000000000f2';
const Z = '00000000-0000-4000-8000-0000000000f3';

/** A solved A–X, B–Y; C left out. */
const solution = {
  pairs: [
    { menteeId: A, mentorId: X, score: 0.8, pinned: false, reasons: [] },
    { menteeId: B, mentorId: Y, score: 0.6, pinned: false, reasons: [] },
  ],
  unassigned: [{ menteeId: C, reason: 'lost_to_better_assignment', compatibleMentors: 2, text: 0 }],
};

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('no error');
};

describe('applyEdits', () => {
  it('pins a pair (one pin per mentee), lifting its forbid and taking a removed mentee back', () => {
    const start: CohortEdits = { pinned: [{ menteeId: A, mentorId: Y }], forbidden: [{ menteeId: A, mentorId: Z }], removed: [A] };
    const edits = applyEdits(start, solution, [{ op: 'pin', menteeId: A, mentorId: Z }]);
    expect(edits).toEqual({ pinned: [{ menteeId: A, mentorId: Z }], forbidden: [], removed: [] });
  });

  it('forbids a pair once, and forbidding the pinned pair unpins it; allow lifts the forbid', () => {
    let edits = applyEdits(EMPTY_EDITS, solution, [{ op: 'pin', menteeId: A, mentorId: X }]);
    edits = applyEdits(edits, solution, [
      { op: 'forbid', menteeId: A, mentorId: X },
      { op: 'forbid', menteeId: A, mentorId: X },
    ]);
    expect(edits).toEqual({ pinned: [], forbidden: [{ menteeId: A, mentorId: X }], removed: [] });
    expect(applyEdits(edits, solution, [{ op: 'allow', menteeId: A, mentorId: X }]).forbidden).toEqual([]);
  });

  it('removes a mentee (unpinning it) and restores it; unpin, allow, restore of nothing change nothing', () => {
    const pinned = applyEdits(EMPTY_EDITS, solution, [{ op: 'pin', menteeId: C, mentorId: X }]);
    const removed = applyEdits(pinned, solution, [{ op: 'remove', menteeId: C }]);
    expect(removed).toEqual({ pinned: [], forbidden: [], removed: [C] });
    expect(applyEdits(removed, solution, [{ op: 'restore', menteeId: C }])).toEqual(EMPTY_EDITS);
    expect(
      applyEdits(EMPTY_EDITS, solution, [
        { op: 'unpin', menteeId: A },
        { op: 'allow', menteeId: A, mentorId: X },
        { op: 'restore', menteeId: B },
      ]),
    ).toEqual(EMPTY_EDITS);
  });

  it('swaps the current mentors of two mentees and pins both, lifting forbids of the new pairs', () => {
    const start: CohortEdits = { pinned: [], forbidden: [{ menteeId: A, mentorId: Y }], removed: [] };
    expect(applyEdits(start, solution, [{ op: 'swap', menteeId: A, otherMenteeId: B }])).toEqual({
      pinned: [
        { menteeId: A, mentorId: Y },
        { menteeId: B, mentorId: X },
      ],
      forbidden: [],
      removed: [],
    });
    // "Current" counts the edits before it in the same request: A pinned to Z, then swapped with B.
    const chained = applyEdits(EMPTY_EDITS, solution, [
      { op: 'pin', menteeId: A, mentorId: Z },
      { op: 'swap', menteeId: A, otherMenteeId: B },
    ]);
    expect(chained.pinned).toEqual([
      { menteeId: A, mentorId: Y },
      { menteeId: B, mentorId: Z },
    ]);
  });

  it('refuses, by index and field, a mentee outside the draft, a missing mentor, a bad swap', () => {
    const cases: Array<[Parameters<typeof applyEdits>[2], number, string, string]> = [
      [[{ op: 'remove', menteeId: OUT }], 0, 'menteeId', 'not_in_draft'],
      [[{ op: 'remove', menteeId: A }, { op: 'pin', menteeId: B }], 1, 'mentorId', 'mentor_required'],
      [[{ op: 'forbid', menteeId: B }], 0, 'mentorId', 'mentor_required'],
      [[{ op: 'swap', menteeId: A }], 0, 'otherMenteeId', 'other_required'],
      [[{ op: 'swap', menteeId: A, otherMenteeId: OUT }], 0, 'otherMenteeId', 'not_in_draft'],
      [[{ op: 'swap', menteeId: A, otherMenteeId: A }], 0, 'otherMenteeId', 'swap_same'],
      [[{ op: 'swap', menteeId: A, otherMenteeId: C }], 0, 'otherMenteeId', 'swap_without_mentor'],
      [[{ op: 'remove', menteeId: A }, { op: 'swap', menteeId: A, otherMenteeId: B }], 1, 'menteeId', 'swap_without_mentor'],
    ];
    for (const [edits, index, field, reason] of cases) {
      const error = errorOf(() => applyEdits(EMPTY_EDITS, solution, edits));
      expect(error).toBeInstanceOf(CohortEditError);
      expect(error).toMatchObject({ index, field, reason });
    }
  });

  it('keeps the edits of mentees still waiting only (forbids stay)', () => {
    const edits: CohortEdits = { pinned: [{ menteeId: A, mentorId: X }, { menteeId: B, mentorId: Y }], forbidden: [{ menteeId: A, mentorId: Z }], removed: [A, C] };
    expect(editsFor(edits, new Set([B, C]))).toEqual({ pinned: [{ menteeId: B, mentorId: Y }], forbidden: [{ menteeId: A, mentorId: Z }], removed: [C] });
  });
});

describe('a stored solution', () => {
  const same = { code: 'same_sector', text: { fr: 'Même secteur\u00a0: commerce', en: 'Same sector: trade' } };
  const solved = compactSolution({
    menteesConsidered: 3,
    mentorsConsidered: 2,
    pairs: [
      { menteeId: A, mentorId: X, score: 0.81234, pinned: true, reasons: [same, { code: 'need_covered', text: { fr: 'Besoin', en: 'Need' } }] },
      { menteeId: B, mentorId: Y, score: 0.5, pinned: false, reasons: [same] },
    ],
    unassigned: [{ menteeId: C, reason: 'removed', compatibleMentors: 0, text: { fr: 'Retirée', en: 'Removed' } }],
    names: { [A]: ['Inès', 'Haddad'], [B]: ['Lucas', 'Roux'], [C]: ['Léa', 'Brun'], [X]: ['Camille', 'Durand'], [Y]: ['Marc', 'Giraud'] },
  });

  it('holds each text once and counts the pairs and the total score', () => {
    expect(solved.texts).toHaveLength(3);
    expect(solved.pairs.map((p) => p.reasons)).toEqual([[0, 1], [0]]);
    expect(solved).toMatchObject({ matched: 2, totalScore: 1.3123, menteesConsidered: 3, mentorsConsidered: 2 });
  });

  it('is shown with names, reasons and texts, in the API schema', () => {
    const draft: CohortDraft = {
      id: '00000000-0000-4000-8000-000000000001',
      partnerId: 'p01',
      partnerName: 'Work’Up Massilia',
      status: 'published',
      version: 3,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:05:00.000Z',
      publishedAt: '2026-12-01T10:05:00.000Z',
      edits: { pinned: [{ menteeId: A, mentorId: X }], forbidden: [], removed: [C] },
      solution: solved,
      publication: { phase: 'done', lease: 'l', leaseUntil: '2026-12-01T10:06:00.000Z', outcomes: [{ menteeId: A, mentorId: X, outcome: 'proposal_started' }] },
    };
    const view = cohortView(draft);
    expect(cohortDraftSchema.parse(view)).toEqual(view);
    expect(view.pairs[0]).toEqual({
      mentee: { id: A, firstName: 'Inès', lastName: 'Haddad' },
      mentor: { id: X, firstName: 'Camille', lastName: 'Durand' },
      score: 0.81234,
      pinned: true,
      reasons: [same, { code: 'need_covered', text: { fr: 'Besoin', en: 'Need' } }],
    });
    expect(view.unassigned).toEqual([{ mentee: { id: C, firstName: 'Léa', lastName: 'Brun' }, reason: 'removed', text: { fr: 'Retirée', en: 'Removed' }, compatibleMentors: 0 }]);
    expect(view.publication).toEqual([{ menteeId: A, mentorId: X, outcome: 'proposal_started' }]);
    expect(JSON.stringify(view)).not.toContain('lease');
  });
});
