/** GET /api/admin/reports/{period}/files/{file} — a short-lived download link to one stored file, 404 when absent (use case report-files). */
import { reportFilePathSchema } from '../../../shared/domain/report-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { GetReportFileLink } from '../../../shared/use-cases/admin/report-files';
import { wireGetReportFileLink } from '../../commons/reports-wiring';

export const makeGetReportFileHandler =
  (getReportFileLink: GetReportFileLink): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, locale }) =>
    json(200, await getReportFileLink(validate(reportFilePathSchema, pathParameters, locale)));

export const handler = httpHandler({ route: 'GetReportFile' }, makeGetReportFileHandler(wireGetReportFileLink()));
