/** The in-memory CohortStore against the CohortStore contract (the DynamoDB one: test/integration/cohort-store.int.test.ts). */
import { memoryCohortStore } from '../../shared/adapters/memory/cohort-store';
import { memoryTable } from '../../shared/adapters/memory/table';
import { cohortStoreContract } from '../contract/cohort-store.contract';

cohortStoreContract('memory', async () => {
  const table = memoryTable();
  return { cohorts: memoryCohortStore(table), put: async (items) => items.forEach((item) => table.put(item)), cleanup: async () => undefined };
});
