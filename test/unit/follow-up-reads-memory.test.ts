/** The in-memory FollowUpReads against its contract (the DynamoDB one: test/integration/follow-up-reads.int.test.ts). */
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryTable } from '../../shared/adapters/memory/table';
import { followUpReadsContract } from '../contract/follow-up-reads.contract';

followUpReadsContract('memory', async () => {
  const table = memoryTable();
  return { reads: memoryFollowUpReads(table), put: async (items) => items.forEach((item) => table.put(item)), cleanup: async () => undefined };
});
