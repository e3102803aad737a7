/** The in-memory PersonalDataStore against its contract (the DynamoDB one: test/integration/personal-data.int.test.ts). */
import { memoryPersonalDataStore } from '../../shared/adapters/memory/personal-data';
import { memoryTable } from '../../shared/adapters/memory/table';
import { personalDataContract } from '../contract/personal-data.contract';

personalDataContract('memory', async () => {
  const table = memoryTable();
  return {
    store: memoryPersonalDataStore(table),
    put: async (items) => items.forEach((item) => table.put(item)),
    readItem: async (key) => table.get(key),
    cleanup: async () => undefined,
  };
});
