/** The in-memory TandemLifecycleStore against its contract (the DynamoDB one: test/integration/tandem-lifecycle-store.int.test.ts). */
import { memoryTable } from '../../shared/adapters/memory/table';
import { memoryTandemLifecycleStore } from '../../shared/adapters/memory/tandem-lifecycle-store';
import { TABLE } from '../../shared/db/table';
import { tandemLifecycleStoreContract } from '../contract/tandem-lifecycle-store.contract';

tandemLifecycleStoreContract('memory', async () => {
  const table = memoryTable();
  return {
    store: memoryTandemLifecycleStore(table),
    put: async (items) => items.forEach((item) => table.put(item)),
    get: async (key) => table.get(key),
    partition: async (pk) =>
      table
        .scan()
        .filter((item) => item[TABLE.partitionKey] === pk)
        .sort((a, b) => String(a[TABLE.sortKey]).localeCompare(String(b[TABLE.sortKey]))),
    cleanup: async () => undefined,
  };
});
