/**
 * POST /api/admin/imports — checks (dry run, the default) or imports CSV files of an existing
 * programme (use case import-programme). Always 200 with the ImportResult: `ok: false` with the
 * problems by file, line and column when something is wrong (and then nothing was written). A body
 * that does not fit the schema is the chain's 400.
 */
import type { z } from 'zod';
import { importProgrammeSchema } from '../../../shared/domain/report-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { ImportProgramme } from '../../../shared/use-cases/admin/import-programme';
import { wireImportProgramme } from '../../commons/import-wiring';

/** Four files of at most MAX_IMPORT_FILE_CHARS each fit under API Gateway's 6 MB payload limit (mostly ASCII). */
export const IMPORT_MAX_BODY_BYTES = 6 * 1024 * 1024;

export const makeImportProgrammeHandler =
  (importProgramme: ImportProgramme): RawHttpHandler<z.infer<typeof importProgrammeSchema>, undefined> =>
  async ({ body }) =>
    json(200, await importProgramme({ files: body.files, dryRun: body.dryRun }));

export const handler = httpHandler({ route: 'ImportProgramme', body: importProgrammeSchema, maxBodyBytes: IMPORT_MAX_BODY_BYTES }, makeImportProgrammeHandler(wireImportProgramme()));
