/** In-memory FollowUpReads: the items of the tandem's partition, as the DynamoDB adapter reads them. */
import { tandemFromPartition } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { FollowUpReads } from '../../ports/follow-up-reads';
import type { MemoryTable } from './table';

export function memoryFollowUpReads(table: MemoryTable): FollowUpReads {
  return {
    async getFollowUp(tandemId) {
      const partition = keys.tandemPartition(tandemId);
      return tandemFromPartition(table.scan().filter((item) => item[TABLE.partitionKey] === partition));
    },
  };
}
