/** The in-memory BackOfficeReads against its contract (the DynamoDB one: test/integration/back-office-reads.int.test.ts). */
import { memoryBackOfficeReads } from '../../shared/adapters/memory/back-office-reads';
import { memoryTable } from '../../shared/adapters/memory/table';
import { backOfficeReadsContract } from '../contract/back-office-reads.contract';

backOfficeReadsContract('memory', async () => {
  const table = memoryTable();
  return { reads: memoryBackOfficeReads(table), put: async (items) => items.forEach((item) => table.put(item)), cleanup: async () => undefined };
});
