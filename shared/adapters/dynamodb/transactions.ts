/**
 * Transactions whose items have names: a cancellation is read as "which named items failed their
 * condition", never by position, so adding an item cannot silently shift the meaning of another.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type TransactionResult<N extends string> =
  | { ok: true }
  /** `failed`: the items whose condition failed; `current`: their stored values when asked for (ALL_OLD). */
  | { ok: false; failed: Set<N>; current: Partial<Record<N, Record<string, unknown>>> };

/**
 * Runs the named items as one transaction. A cancellation caused by conditions resolves with the
 * names of the failed items; any other error (transient ones already translated) is thrown.
 */
export async function transact<N extends string>(db: DynamoDBDocumentClient, items: Record<N, TransactItem | undefined>): Promise<TransactionResult<N>> {
  const named = (Object.entries(items) as Array<[N, TransactItem | undefined]>).filter((e): e is [N, TransactItem] => e[1] !== undefined);
  try {
    await db.send(new TransactWriteCommand({ TransactItems: named.map(([, item]) => item) }));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (!reasons.some((r) => r.Code === 'ConditionalCheckFailed')) throw error;
    const failed = new Set<N>();
    const current: Partial<Record<N, Record<string, unknown>>> = {};
    named.forEach(([name], i) => {
      const reason = reasons[i];
      if (reason?.Code !== 'ConditionalCheckFailed') return;
      failed.add(name);
      if (reason.Item) current[name] = unmarshall(reason.Item);
    });
    return { ok: false, failed, current };
  }
}
