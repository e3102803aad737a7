/**
 * The public sign-up request (mentor or mentee), answered 202 whatever the address.
 * Input: the validated sign-up and the caller's language. Output: nothing.
 * Course: one conditional write records the submission as an after-commit job, keyed by its
 * fingerprint, so a double click has one effect. Nothing here depends on the address's history:
 * claiming the address, creating the profile or notifying its owner, and every e-mail, happen in
 * the stream consumer (process-sign-up). Only an unknown or inactive partner is refused here.
 */
import { randomUUID } from 'node:crypto';
import { ValidationFailedError } from '../domain/errors';
import { fingerprintSubmission } from '../domain/fingerprints';
import type { Locale } from '../domain/locale';
import { message } from '../domain/messages';
import type { SignUpJob } from '../domain/sign-up-job';
import { SUBMISSION_MEMORY_SECONDS } from '../domain/people';
import type { MenteeSignUp, MentorSignUp } from '../domain/sign-up-schemas';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { SignUpInbox } from '../ports/sign-up-inbox';

export type SubmitSignUpInput =
  | { role: 'mentor'; signUp: MentorSignUp; locale: Locale }
  | { role: 'mentee'; signUp: MenteeSignUp; locale: Locale };

export interface SubmitSignUpDeps {
  inbox: SignUpInbox;
  clock: Clock;
  newId?: () => string;
  /** How long an identical submission is remembered (the stage's `signUp`). @default SUBMISSION_MEMORY_SECONDS */
  memorySeconds?: number;
}

export function makeSubmitSignUp({ inbox, clock, newId = randomUUID, memorySeconds = SUBMISSION_MEMORY_SECONDS }: SubmitSignUpDeps) {
  return async function submitSignUp(input: SubmitSignUpInput): Promise<void> {
    const now = clock.now();
    const job = {
      kind: 'sign_up',
      id: newId(),
      personId: newId(),
      locale: input.locale,
      recordedAt: now.toISOString(),
      role: input.role,
      signUp: input.signUp,
    } as SignUpJob;
    const fingerprint = fingerprintSubmission(input.role, input.signUp);
    const outcome = await inbox.submit({ job, fingerprint, now, memorySeconds });
    logger.info('Sign-up submitted', { role: input.role, outcome, jobId: outcome === 'recorded' ? job.id : undefined });
    if (outcome === 'unknown_partner') {
      throw new ValidationFailedError(message('validation_failed', input.locale), { partnerId: message('unknown_partner', input.locale) });
    }
  };
}
