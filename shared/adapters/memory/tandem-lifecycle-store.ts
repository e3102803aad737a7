/**
 * In-memory TandemLifecycleStore with the DynamoDB adapter's semantics: the same plan
 * (`closingPlan`: the same items, the same conditions), checked whole before anything is written,
 * with no `await` in between, so a refused close changes nothing.
 */
import { outcomeSurveyFromItem, outcomeSurveyItem, personFromItem, tandemAlertFromItem, tandemFromItem, tandemFromPartition, type Item } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import { ServiceUnavailableError } from '../../domain/errors';
import type { MenteeProfile, MentorProfile } from '../../domain/people';
import type { TandemLifecycleStore } from '../../ports/tandem-lifecycle-store';
import { ABSENT, closingPlan, type ClosingRead, type PlannedWrite } from '../dynamodb/tandem-lifecycle-store';
import type { MemoryTable } from './table';

const PK = TABLE.partitionKey;
const SK = TABLE.sortKey;
const { GSI1 } = TABLE.indexes;

export function memoryTandemLifecycleStore(table: MemoryTable): TandemLifecycleStore {
  function readClosing(tandemId: string): ClosingRead {
    const partition = keys.tandemPartition(tandemId);
    const followUp = tandemFromPartition(table.scan().filter((item) => item[PK] === partition));
    if (!followUp) return { followUp, mentor: undefined, mentee: undefined };
    return {
      followUp,
      mentor: personFromItem(table.get(keys.person('mentor', followUp.tandem.mentorId))) as MentorProfile | undefined,
      mentee: personFromItem(table.get(keys.person('mentee', followUp.tandem.menteeId))) as MenteeProfile | undefined,
    };
  }

  /** Whether a write's condition holds on the table as it is. */
  function holds(write: PlannedWrite): boolean {
    if (write.kind === 'delete') return true;
    if (write.kind === 'put') return !write.once || table.get({ [PK]: String(write.item[PK]), [SK]: String(write.item[SK]) }) === undefined;
    const current = table.get(write.key);
    if (!current) return false;
    return Object.entries(write.expect).every(([name, value]) => (value === ABSENT ? current[name] === undefined : JSON.stringify(current[name]) === JSON.stringify(value)));
  }

  function apply(write: PlannedWrite): void {
    if (write.kind === 'delete') return table.delete(write.key);
    if (write.kind === 'put') return table.put(write.item);
    const next: Item = { ...table.get(write.key)! };
    for (const name of write.remove ?? []) delete next[name];
    Object.assign(next, write.set);
    if (write.append) next[write.append.attribute] = [...((next[write.append.attribute] as unknown[] | undefined) ?? []), ...write.append.values];
    table.put(next);
  }

  return {
    async getTandem(tandemId) {
      return tandemFromItem(table.get(keys.tandem(tandemId)));
    },

    async close(change) {
      const plan = closingPlan(readClosing(change.tandemId), change);
      if (plan.outcome !== 'close') return plan;
      // Read and write in one step: only a job recorded earlier under the same key can refuse it.
      if (!plan.writes.every(holds)) throw new ServiceUnavailableError('The tandem kept changing; retry');
      plan.writes.forEach(apply);
      return { outcome: 'closed', tandem: plan.tandem, rematch: plan.rematch };
    },

    async appendOutcomeRecord({ tandemId, milestone, record, template }) {
      const key = keys.outcomeSurvey(tandemId, milestone);
      const current = table.get(key);
      const next = current ? { ...current, records: [...((current.records as unknown[] | undefined) ?? []), record] } : outcomeSurveyItem({ ...template, records: [record] });
      table.put(next);
      return outcomeSurveyFromItem(table.get(key)!);
    },

    async resolveAlert({ tandemId, kind, now }) {
      const key = keys.tandemAlert(tandemId, kind);
      const current = table.get(key);
      if (!current) return undefined;
      const next: Item = { ...current, status: 'resolved', resolvedAt: current.resolvedAt ?? now.toISOString() };
      delete next[GSI1.partitionKey];
      delete next[GSI1.sortKey];
      table.put(next);
      return tandemAlertFromItem(table.get(key)!);
    },
  };
}
