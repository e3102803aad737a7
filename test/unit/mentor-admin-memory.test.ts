/** The in-memory MentorAdminStore against its contract (the DynamoDB one: test/integration/mentor-admin.int.test.ts). */
import { memoryMentorAdminStore } from '../../shared/adapters/memory/mentor-admin';
import { memoryTable } from '../../shared/adapters/memory/table';
import { mentorAdminContract } from '../contract/mentor-admin.contract';

mentorAdminContract('memory', async () => {
  const table = memoryTable();
  return {
    store: memoryMentorAdminStore(table),
    put: async (items) => items.forEach((item) => table.put(item)),
    readItem: async (key) => table.get(key),
    cleanup: async () => undefined,
  };
});
