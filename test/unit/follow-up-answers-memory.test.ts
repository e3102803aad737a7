/** The in-memory FollowUpAnswers against the FollowUpAnswers contract (the DynamoDB one: test/integration/follow-up-answers.int.test.ts). */
import { memoryFollowUpAnswers } from '../../shared/adapters/memory/follow-up-answers';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryTable } from '../../shared/adapters/memory/table';
import { TABLE } from '../../shared/db/table';
import { followUpAnswersContract } from '../contract/follow-up-answers.contract';

followUpAnswersContract('memory', async () => {
  const table = memoryTable();
  return {
    answers: memoryFollowUpAnswers(table),
    reads: memoryFollowUpReads(table),
    put: async (items) => items.forEach((item) => table.put(item)),
    readItem: async (key) => table.get(key),
    partition: async (pk) =>
      table
        .scan()
        .filter((item) => item[TABLE.partitionKey] === pk)
        .sort((a, b) => String(a[TABLE.sortKey]).localeCompare(String(b[TABLE.sortKey]))),
    cleanup: async () => undefined,
  };
});
