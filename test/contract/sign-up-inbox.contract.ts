/**
 * What every SignUpInbox promises (shared/ports/sign-up-inbox.ts): a submission is recorded once
 * within its memory, then forgotten; a referred mentee's partner must be active, checked in the
 * same write, and a refusal records nothing. The partner store shares the inbox's table.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Partner } from '../../shared/domain/people';
import type { ResendJob } from '../../shared/domain/resend-job';
import type { PartnerStore } from '../../shared/ports/partner-store';
import type { SignUpInbox } from '../../shared/ports/sign-up-inbox';
import { expectOneWinner, later, race, signUpJob, T0 } from './support';

export interface SignUpInboxSubject {
  inbox: SignUpInbox;
  /** Writes partners where the inbox checks them. */
  partners: PartnerStore;
  cleanup(): Promise<void>;
}

const MEMORY = 10 * 60;

export function signUpInboxContract(name: string, makeSubject: () => Promise<SignUpInboxSubject>) {
  describe(`SignUpInbox contract: ${name}`, () => {
    let subject: SignUpInboxSubject;
    let inbox: SignUpInbox;
    beforeEach(async () => {
      subject = await makeSubject();
      inbox = subject.inbox;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const submit = (job = signUpJob(), fingerprint: string = randomUUID(), now = T0) => inbox.submit({ job, fingerprint, now, memorySeconds: MEMORY });
    const partner = (status: Partner['status']): Partner => ({ id: `p-${randomUUID()}`, name: 'Mission locale', kind: 'youth', status, dedicatedPool: false, createdAt: T0.toISOString() });

    it('records a submission, and each distinct one', async () => {
      expect(await submit()).toBe('recorded');
      expect(await submit()).toBe('recorded');
    });

    it('answers repeated to the same submission within its memory (its last second included), whatever the job', async () => {
      const fingerprint = randomUUID();
      expect(await submit(signUpJob(), fingerprint)).toBe('recorded');
      expect(await submit(signUpJob(), fingerprint, later(60))).toBe('repeated');
      expect(await submit(signUpJob(), fingerprint, later(MEMORY))).toBe('repeated');
    });

    it('records the same submission again once its memory expired', async () => {
      const fingerprint = randomUUID();
      await submit(signUpJob(), fingerprint);
      expect(await submit(signUpJob(), fingerprint, later(MEMORY + 1))).toBe('recorded');
      expect(await submit(signUpJob(), fingerprint, later(MEMORY + 2))).toBe('repeated');
    });

    it('records one of identical submissions racing', async () => {
      const fingerprint = randomUUID();
      const outcomes = await race(Array.from({ length: 5 }, () => submit(signUpJob(), fingerprint)));
      expectOneWinner(outcomes, 'recorded', 'repeated');
    });

    it('records a referred mentee whose partner is active', async () => {
      const active = partner('active');
      await subject.partners.put(active);
      expect(await submit(signUpJob({ role: 'mentee', partnerId: active.id }))).toBe('recorded');
    });

    it('refuses an unknown or inactive partner, and records nothing', async () => {
      const inactive = partner('inactive');
      await subject.partners.put(inactive);
      const fingerprint = randomUUID();
      expect(await submit(signUpJob({ role: 'mentee', partnerId: `p-${randomUUID()}` }))).toBe('unknown_partner');
      expect(await submit(signUpJob({ role: 'mentee', partnerId: inactive.id }), fingerprint)).toBe('unknown_partner');
      await subject.partners.put({ ...inactive, status: 'active' });
      expect(await submit(signUpJob({ role: 'mentee', partnerId: inactive.id }), fingerprint)).toBe('recorded');
    });

    it('answers unknown_partner rather than repeated when the partner left in between', async () => {
      const active = partner('active');
      await subject.partners.put(active);
      const fingerprint = randomUUID();
      await submit(signUpJob({ role: 'mentee', partnerId: active.id }), fingerprint);
      await subject.partners.put({ ...active, status: 'inactive' });
      expect(await submit(signUpJob({ role: 'mentee', partnerId: active.id }), fingerprint, later(60))).toBe('unknown_partner');
    });

    const resendJob = (): ResendJob => ({ kind: 'resend', id: randomUUID(), locale: 'fr', recordedAt: T0.toISOString(), role: 'mentor', email: 'someone@example.org' });
    const requestResend = (fingerprint: string, now = T0) => inbox.requestResend({ job: resendJob(), fingerprint, now, memorySeconds: 60 });

    it('records a resend request once within its memory, then again', async () => {
      const fingerprint = randomUUID();
      expect(await requestResend(fingerprint)).toBe('recorded');
      expect(await requestResend(fingerprint, later(60))).toBe('repeated');
      expect(await requestResend(fingerprint, later(61))).toBe('recorded');
    });

    it('keeps resend requests and sign-ups apart under the same fingerprint', async () => {
      const fingerprint = randomUUID();
      expect(await submit(signUpJob(), fingerprint)).toBe('recorded');
      expect(await requestResend(fingerprint)).toBe('recorded');
    });

    it('records one of identical resend requests racing', async () => {
      const fingerprint = randomUUID();
      expectOneWinner(await race(Array.from({ length: 5 }, () => requestResend(fingerprint))), 'recorded', 'repeated');
    });
  });
}
