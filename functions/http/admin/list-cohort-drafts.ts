/** GET /api/admin/cohorts — cohort drafts, newest first (`?partnerId=` for one partner). CCI only. */
import { cohortListQuerySchema } from '../../../shared/domain/back-office-schemas';
import type { z } from 'zod';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeListCohortDrafts } from '../../../shared/use-cases/admin/list-cohort-drafts';
import { wireListCohortDrafts } from '../../commons/cohort-wiring';

export const makeListCohortDraftsHandler =
  (listCohortDrafts: ReturnType<typeof makeListCohortDrafts>): RawHttpHandler<undefined, z.infer<typeof cohortListQuerySchema>> =>
  async ({ query }) =>
    json(200, await listCohortDrafts({ partnerId: query.partnerId }));

export const handler = httpHandler({ route: 'ListCohortDrafts', query: cohortListQuerySchema }, makeListCohortDraftsHandler(wireListCohortDrafts()));
