/**
 * Consumed capacity per operation, from DynamoDB Local's reports: every command of the client asks
 * for `ReturnConsumedCapacity: TOTAL`, and the units are added up, writes and reads apart. A
 * cancelled transaction or a failed condition reports none to the SDK (DynamoDB still bills it):
 * its call is counted, its units are not. Used by the capacity budgets (integration tests) and by
 * scripts/measure-matching-capacity.ts.
 */
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface CapacityUsage {
  writeUnits: number;
  readUnits: number;
  calls: number;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

/** Meters `client` from now on; `measure(op)` gives what `op` consumed through it. */
export function capacityMeter(client: DynamoDBClient): { measure(operation: () => Promise<unknown>): Promise<CapacityUsage> } {
  const usage: CapacityUsage = { writeUnits: 0, readUnits: 0, calls: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      usage.calls += 1;
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = ([consumed].flat() as Array<ConsumedCapacity | undefined>).reduce((sum, c) => sum + (c?.CapacityUnits ?? 0), 0);
      if (WRITES.has(context.commandName ?? '')) usage.writeUnits += units;
      else usage.readUnits += units;
      return result;
    },
    { step: 'initialize', name: 'capacityMeter' },
  );
  return {
    async measure(operation) {
      Object.assign(usage, { writeUnits: 0, readUnits: 0, calls: 0 });
      await operation();
      return { ...usage };
    },
  };
}
