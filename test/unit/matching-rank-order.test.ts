import { describe, expect, it } from 'vitest';
import { matchingInputs, rank, rankOrder } from '../../shared/matching';
import { generateProgramme } from '../../shared/synthetic/generator';

describe('rankOrder: the ranking without explanations', () => {
  it('gives the same candidates, scores and counts as rank, for every mentee of a synthetic programme', () => {
    // Arrange
    const { mentors, mentees } = matchingInputs(generateProgramme({ seed: 7, mentors: 120, mentees: 30 }));
    expect(mentees.length).toBe(30);

    // Act / Assess
    let compared = 0;
    for (const mentee of mentees) {
      for (const limit of [0, 3, Infinity]) {
        const full = rank(mentee, mentors, { limit });
        const order = rankOrder(mentee, mentors, { limit });
        expect(order).toEqual({ ...full, candidates: full.candidates.map(({ mentorId, score }) => ({ mentorId, score })) });
        expect(order.candidates.every((c) => !('reasons' in c))).toBe(true);
        compared += full.candidates.length;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});
