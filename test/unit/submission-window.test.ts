/**
 * The double-click window is the stage's: an identical sign-up within it has one effect; after it,
 * the same submission is a new request (the person who did not get the mail sends the form again).
 */
import { describe, expect, it } from 'vitest';
import { memorySignUpInbox } from '../../shared/adapters/memory/sign-up-inbox';
import { keys } from '../../shared/db/keys';
import { SUBMISSION_MEMORY_SECONDS } from '../../shared/domain/people';
import { fingerprintSubmission } from '../../shared/domain/fingerprints';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';
import { loadSignUpConfig } from '../../shared/config/runtime-config';
import { loadStageConfig } from '../../infra/config/stages';
import { memoryTable } from '../../shared/adapters/memory/table';
import { mentorSignUpSchema, type MentorSignUp } from '../../shared/domain/sign-up-schemas';
import { validMentor } from '../fixtures/sign-ups';

const T0 = new Date('2026-12-01T10:00:00Z');

describe('the sign-up submission window', () => {
  it('is 10 minutes by default, set per stage, and read from SIGN_UP_SUBMISSION_MEMORY_SECONDS (10 s to 1 h)', () => {
    expect(loadStageConfig('dev').signUp.submissionMemorySeconds).toBe(SUBMISSION_MEMORY_SECONDS);
    expect(SUBMISSION_MEMORY_SECONDS).toBe(600);
    expect(loadStageConfig('dev', { signUp: { submissionMemorySeconds: 120 } }).signUp.submissionMemorySeconds).toBe(120);
    expect(() => loadStageConfig('dev', { signUp: { submissionMemorySeconds: 5 } })).toThrow(/signUp/);
    expect(loadSignUpConfig({ SIGN_UP_SUBMISSION_MEMORY_SECONDS: '90' })).toEqual({ submissionMemorySeconds: 90 });
    expect(() => loadSignUpConfig({ SIGN_UP_SUBMISSION_MEMORY_SECONDS: '86400' })).toThrow();
  });

  it('is the memory of the recorded submission: it expires after the configured seconds', async () => {
    const table = memoryTable();
    const submit = makeSubmitSignUp({ inbox: memorySignUpInbox(table), clock: { now: () => T0 }, memorySeconds: 120 });
    const signUp: MentorSignUp = mentorSignUpSchema.parse(validMentor());

    await submit({ role: 'mentor', signUp, locale: 'fr' });

    const job = table.get(keys.outbox('sign_up', fingerprintSubmission('mentor', signUp)));
    expect(job?.expiresAt).toBe(T0.getTime() / 1000 + 120);
  });
});
