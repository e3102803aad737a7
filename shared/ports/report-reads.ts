/**
 * What a report reads (docs/reports.md). Adapters: DynamoDB (the time index GSI3, month by month,
 * plus the partners' status index — Query only, never a Scan) and memory.
 */
import type { ReportDataset, WeeklyDigest } from '../domain/report';

export interface ReportReads {
  /**
   * Every person, tandem, proposal, check-in round and outcome survey whose time-index date
   * (sign-up, start, creation, due date) lies in [range.start, range.end), and every partner.
   * `consumedCapacity`: the read capacity units the reads consumed (the job logs it).
   */
  loadDataset(range: { start: string; end: string }): Promise<{ dataset: ReportDataset; consumedCapacity: number }>;
  /** The weekly digest's lists at `now` (waiting mentees, unanswered proposals, open alerts). */
  loadDigest(now: Date): Promise<{ digest: Omit<WeeklyDigest, 'week' | 'generatedAt'>; consumedCapacity: number }>;
}
