/**
 * In-memory MailQuota with the DynamoDB adapter's condition: the same counter item (item builder)
 * in the shared memory table, a job counted once, nothing written past the cap.
 */
import { mailCount } from '../../db/items';
import type { MailQuota } from '../../ports/mail-quota';
import { memoryTable, type MemoryTable } from './table';

export function memoryMailQuota(table: MemoryTable = memoryTable()): MailQuota {
  return {
    async take({ emailHash, day, jobId, cap }) {
      const { key, set } = mailCount(emailHash, day);
      const item = table.get(key);
      const jobIds = (item?.jobIds as string[] | undefined) ?? [];
      const count = (item?.count as number | undefined) ?? 0;
      if (jobIds.includes(jobId)) return 'taken';
      if (count >= cap) return 'capped';
      table.put({ ...item, ...key, ...set, count: count + 1, jobIds: [...jobIds, jobId] });
      return 'taken';
    },
  };
}
