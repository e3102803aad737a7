/**
 * Counts the mails sent to an address per day and refuses one past the cap, in one conditional
 * write (never read-then-write). A job counts once however often it is retried. Adapters: DynamoDB
 * (a counter item per address and day), the memory table (unit tests).
 */
export interface MailQuota {
  /** 'taken' when job `jobId` may send (counted now, or by an earlier attempt); 'capped' when the day already counts `cap` other jobs. */
  take(input: { emailHash: string; day: string; jobId: string; cap: number }): Promise<'taken' | 'capped'>;
}
