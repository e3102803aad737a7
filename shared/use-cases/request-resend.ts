/**
 * "Send the e-mail again", from the success page, answered 202 whatever the address.
 * Input: the role, the validated address and the caller's language. Output: nothing.
 * Course: one conditional write records the request as an after-commit job keyed by the
 * fingerprint of role and address (remembered a minute: a double click has one effect), exactly
 * like a sign-up request, so neither the answer nor its timing tells whether anyone holds the
 * address. The lookup and the mail happen in the stream consumer (process-resend).
 */
import { randomUUID } from 'node:crypto';
import { fingerprintSubmission } from '../domain/fingerprints';
import type { Locale } from '../domain/locale';
import type { Role } from '../domain/people';
import { RESEND_MEMORY_SECONDS, type ResendJob } from '../domain/resend-job';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { SignUpInbox } from '../ports/sign-up-inbox';

export interface RequestResendInput {
  role: Role;
  email: string;
  locale: Locale;
}

export interface RequestResendDeps {
  inbox: SignUpInbox;
  clock: Clock;
  newId?: () => string;
}

export function makeRequestResend({ inbox, clock, newId = randomUUID }: RequestResendDeps) {
  return async function requestResend(input: RequestResendInput): Promise<void> {
    const now = clock.now();
    const job: ResendJob = { kind: 'resend', id: newId(), locale: input.locale, recordedAt: now.toISOString(), role: input.role, email: input.email };
    const fingerprint = fingerprintSubmission('resend', { role: input.role, email: input.email });
    const outcome = await inbox.requestResend({ job, fingerprint, now, memorySeconds: RESEND_MEMORY_SECONDS });
    logger.info('Resend requested', { role: input.role, outcome, jobId: outcome === 'recorded' ? job.id : undefined });
  };
}
