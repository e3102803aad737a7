/** The in-memory FollowUpSchedule against its contract (the DynamoDB one: test/integration/follow-up-schedule.int.test.ts). */
import { memoryFollowUpSchedule } from '../../shared/adapters/memory/follow-up-schedule';
import { memoryTable } from '../../shared/adapters/memory/table';
import { followUpScheduleContract } from '../contract/follow-up-schedule.contract';

followUpScheduleContract('memory', async () => {
  const table = memoryTable();
  return {
    schedule: memoryFollowUpSchedule(table),
    put: async (items) => items.forEach((item) => table.put(item)),
    readItem: async (key) => table.get(key),
    cleanup: async () => undefined,
  };
});
