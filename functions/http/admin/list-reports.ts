/** GET /api/admin/reports — the stored reports and digests with their files, newest first (use case report-files). */
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { ListReports } from '../../../shared/use-cases/admin/report-files';
import { wireListReports } from '../../commons/reports-wiring';

export const makeListReportsHandler =
  (listReports: ListReports): RawHttpHandler<undefined, undefined> =>
  async () =>
    json(200, await listReports());

export const handler = httpHandler({ route: 'ListReports' }, makeListReportsHandler(wireListReports()));
