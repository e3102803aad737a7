/**
 * Where the public sign-up request records a submission, in one conditional write, whatever the
 * address: the stream consumer does the rest (see process-sign-up). So the request costs the same
 * for a new and a known address, and its timing tells nothing.
 */
import type { ResendJob } from '../domain/resend-job';
import type { SignUpJob } from '../domain/sign-up-job';

export type SubmitSignUpOutcome = 'recorded' | 'repeated' | 'unknown_partner';
export type RequestResendOutcome = 'recorded' | 'repeated';

export interface SignUpInbox {
  /**
   * Records the job unless the same submission (`fingerprint`) was recorded within
   * `memorySeconds` ('repeated'); for a referred mentee, checks in the same write that the
   * partner is active ('unknown_partner').
   */
  submit(input: { job: SignUpJob; fingerprint: string; now: Date; memorySeconds: number }): Promise<SubmitSignUpOutcome>;
  /**
   * Records a "send the e-mail again" request, in one conditional write whatever the address,
   * unless the same request (`fingerprint` of role and address) was recorded within `memorySeconds`.
   */
  requestResend(input: { job: ResendJob; fingerprint: string; now: Date; memorySeconds: number }): Promise<RequestResendOutcome>;
}
