/**
 * In-memory SignUpInbox, with the DynamoDB adapter's semantics: the job is the outbox item keyed by
 * the fingerprint, written when no live item holds that key; a referred mentee's partner must be
 * active in the same step. `jobs()` plays the table's stream: what a test hands to process-sign-up.
 */
import { outboxItem } from '../../db/items';
import { keys } from '../../db/keys';
import type { ResendJob } from '../../domain/resend-job';
import type { SignUpJob } from '../../domain/sign-up-job';
import type { SignUpInbox } from '../../ports/sign-up-inbox';
import { epoch, live, memoryTable, type MemoryTable } from './table';

export interface MemorySignUpInbox extends SignUpInbox {
  /** Every recorded job, oldest first (a replaced expired submission counts again, as its MODIFY record does). */
  jobs(): SignUpJob[];
  /** Every recorded resend request, oldest first. */
  resendJobs(): ResendJob[];
}

export function memorySignUpInbox(table: MemoryTable = memoryTable()): MemorySignUpInbox {
  const recorded: SignUpJob[] = [];
  const resends: ResendJob[] = [];
  return {
    async submit({ job, fingerprint, now, memorySeconds }) {
      const nowS = epoch(now);
      const partnerId = job.role === 'mentee' ? job.signUp.partnerId : undefined;
      if (partnerId && table.get(keys.partner(partnerId))?.status !== 'active') return 'unknown_partner';
      if (live(table.get(keys.outbox(job.kind, fingerprint)), nowS)) return 'repeated';
      table.put(outboxItem(job, { dedupKey: fingerprint, expiresAt: nowS + memorySeconds }));
      recorded.push(structuredClone(job));
      return 'recorded';
    },
    async requestResend({ job, fingerprint, now, memorySeconds }) {
      const nowS = epoch(now);
      if (live(table.get(keys.outbox(job.kind, fingerprint)), nowS)) return 'repeated';
      table.put(outboxItem(job, { dedupKey: fingerprint, expiresAt: nowS + memorySeconds }));
      resends.push(structuredClone(job));
      return 'recorded';
    },
    jobs: () => recorded.map((job) => structuredClone(job)),
    resendJobs: () => resends.map((job) => structuredClone(job)),
  };
}
