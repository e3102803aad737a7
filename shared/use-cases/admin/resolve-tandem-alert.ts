/**
 * The CCI has dealt with an alert: it leaves the home page.
 * Input: the tandem's id and the alert's kind. Output: the alert's view (`resolved`).
 * Course: one UpdateItem — status `resolved`, `resolvedAt` (the first one kept), out of the
 * attention index (REMOVE GSI1PK, GSI1SK). Idempotent; an unknown alert is 404.
 */
import { NotFoundError } from '../../domain/errors';
import type { AlertKind } from '../../domain/follow-up';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { TandemLifecycleStore } from '../../ports/tandem-lifecycle-store';
import { tandemAlertView, type TandemAlertView } from '../follow-up-views';

export function makeResolveTandemAlert({ store, clock }: { store: Pick<TandemLifecycleStore, 'resolveAlert'>; clock: Clock }) {
  return async function resolveTandemAlert(input: { tandemId: string; kind: AlertKind }): Promise<TandemAlertView> {
    const alert = await store.resolveAlert({ ...input, now: clock.now() });
    if (!alert) throw new NotFoundError('No such alert');
    logger.info('Alert resolved by the CCI', { tandemId: input.tandemId, kind: input.kind });
    return tandemAlertView(alert);
  };
}
