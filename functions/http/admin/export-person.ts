/** GET /api/admin/people/{role}/{personId}/export — everything the hub holds about one person, as a JSON download (use case export-person). */
import { personPathSchema } from '../../../shared/domain/follow-up-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeExportPerson } from '../../../shared/use-cases/admin/export-person';
import { wireExportPerson } from '../../commons/personal-data-wiring';

export const makeExportPersonHandler =
  (exportPerson: ReturnType<typeof makeExportPerson>): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, locale }) => {
    const { role, personId } = validate(personPathSchema, pathParameters, locale);
    const document = await exportPerson({ role, personId });
    // Ids only in the file name: it shows in the browser's downloads and the access logs.
    return json(200, document, { 'content-disposition': `attachment; filename="tandem-${role}-${personId}.json"` });
  };

export const handler = httpHandler({ route: 'ExportPerson' }, makeExportPersonHandler(wireExportPerson()));
