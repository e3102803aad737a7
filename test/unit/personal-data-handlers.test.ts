/**
 * The personal-data routes and the retention task through their chains: the exported handlers
 * refuse a partner adviser (403) before any read; with the CCI's claims, the raw handlers on the
 * memory adapters answer a JSON download named by ids (export), refuse an erasure without
 * `confirm: true` (400), answer 404 for an unknown person and the ErasePersonResult shape; the
 * retention task takes the scheduled time and refuses a malformed one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryPersonalDataStore } from '../../shared/adapters/memory/personal-data';
import { memoryTable } from '../../shared/adapters/memory/table';
import { ENV } from '../../shared/config/env';
import { followUpEnvironment } from '../../shared/config/runtime-config';
import { personItem } from '../../shared/db/items';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { erasePersonResultSchema, erasePersonSchema, personExportSchema } from '../../shared/domain/follow-up-schemas';
import { scheduledJobInput } from '../../shared/domain/scheduled-job';
import { httpHandler } from '../../shared/http/http-handler';
import { taskHandler } from '../../shared/tasks/task-handler';
import { makeErasePerson } from '../../shared/use-cases/admin/erase-person';
import { makeExportPerson } from '../../shared/use-cases/admin/export-person';
import { makeApplyRetention } from '../../shared/use-cases/apply-retention';
import { waitingMentee } from '../contract/matching-store.contract';
import { apiEvent, lambdaContext } from '../helpers/api-event';

beforeAll(() => {
  vi.stubEnv(ENV.stage, 'test');
  vi.stubEnv(ENV.tableName, 'tandem-test');
  vi.stubEnv(ENV.dynamoDbEndpoint, 'http://127.0.0.1:9');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  for (const [name, value] of Object.entries(followUpEnvironment(FOLLOW_UP_DEFAULTS))) vi.stubEnv(name, value);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string; headers?: Record<string, unknown> }>;
const withClaims = (event: APIGatewayProxyEventV2, claims: Record<string, string>) =>
  ({ ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: [] } } } }) as APIGatewayProxyEventV2;
const officer = { sub: randomUUID(), 'cognito:groups': '[admin]' };
const adviser = { sub: randomUUID(), 'cognito:groups': '[partner]', 'custom:partnerId': 'partner-a' };
const NOW = new Date('2027-06-01T10:00:00Z');
const clock = { now: () => NOW };

describe('personal-data routes: the exported handlers', () => {
  it.each([
    ['export-person', 'GET', `/api/admin/people/mentee/${randomUUID()}/export`],
    ['erase-person', 'POST', `/api/admin/people/mentee/${randomUUID()}/erase`],
  ])('%s: 403 for a partner adviser', async (module, method, path) => {
    const { handler } = (await import(`../../functions/http/admin/${module}.ts`)) as { handler: Handler };
    const res = await handler(withClaims(apiEvent({ method, path, body: '{"confirm":true}' }), adviser), lambdaContext);
    expect([res.statusCode, (JSON.parse(res.body) as { error: { code: string } }).error.code]).toEqual([403, 'forbidden']);
  });
});

describe('personal-data routes behind the chain, on the memory adapters', () => {
  async function routes() {
    const table = memoryTable();
    const store = memoryPersonalDataStore(table);
    const reads = memoryFollowUpReads(table);
    const closeTandem = async () => ({ outcome: 'not_found' as const });
    const erase = makeErasePerson({ store, reads, matching: memoryMatchingStore(table), closeTandem, clock });
    const { makeExportPersonHandler } = await import('../../functions/http/admin/export-person');
    const { makeErasePersonHandler } = await import('../../functions/http/admin/erase-person');
    const { makeApplyRetentionTask } = await import('../../functions/scheduled/apply-retention');
    return {
      table,
      exportRoute: httpHandler({ route: 'ExportPerson' }, makeExportPersonHandler(makeExportPerson({ store, reads, clock }))) as unknown as Handler,
      eraseRoute: httpHandler({ route: 'ErasePerson', body: erasePersonSchema }, makeErasePersonHandler(erase)) as unknown as Handler,
      retentionTask: taskHandler({ input: scheduledJobInput }, makeApplyRetentionTask(makeApplyRetention({ store, reads, erasePerson: erase, settings: FOLLOW_UP_DEFAULTS, clock }))),
    };
  }
  const at = (method: string, role: string, id: string, action: string, body?: string) =>
    withClaims({ ...apiEvent({ method, path: `/api/admin/people/${role}/${id}/${action}`, ...(body !== undefined ? { body } : {}) }), pathParameters: { role, personId: id } }, officer);

  it('GET …/export: 200, the PersonExport shape, as an attachment named by role and id; 400 for a bad role or id, 404 for an unknown one', async () => {
    const r = await routes();
    const mentee = waitingMentee();
    r.table.put(personItem(mentee));

    const res = await r.exportRoute(at('GET', 'mentee', mentee.id, 'export'), lambdaContext);

    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-disposition']).toBe(`attachment; filename="tandem-mentee-${mentee.id}.json"`);
    expect(personExportSchema.parse(JSON.parse(res.body)).profile).toMatchObject({ id: mentee.id });
    expect((await r.exportRoute(at('GET', 'partner', mentee.id, 'export'), lambdaContext)).statusCode).toBe(400);
    expect((await r.exportRoute(at('GET', 'mentee', 'Yanis', 'export'), lambdaContext)).statusCode).toBe(400);
    expect((await r.exportRoute(at('GET', 'mentor', mentee.id, 'export'), lambdaContext)).statusCode).toBe(404);
  });

  it('POST …/erase: 400 without confirm (nothing erased), 200 with the result, already_erased the second time, 404 unknown', async () => {
    const r = await routes();
    const mentee = waitingMentee({ status: 'unmatched' });
    r.table.put(personItem(mentee));

    for (const body of ['{}', '{"confirm":false}', '{"confirm":"yes"}']) {
      expect((await r.eraseRoute(at('POST', 'mentee', mentee.id, 'erase', body), lambdaContext)).statusCode, body).toBe(400);
    }
    expect(r.table.scan().find((i) => i.id === mentee.id)?.status).toBe('unmatched');

    const first = await r.eraseRoute(at('POST', 'mentee', mentee.id, 'erase', '{"confirm":true}'), lambdaContext);
    expect(first.statusCode).toBe(200);
    expect(erasePersonResultSchema.parse(JSON.parse(first.body))).toEqual({ status: 'erased', erasedAt: NOW.toISOString(), tandemsEnded: 0, proposalsClosed: 0 });
    const second = await r.eraseRoute(at('POST', 'mentee', mentee.id, 'erase', '{"confirm":true}'), lambdaContext);
    expect(JSON.parse(second.body)).toMatchObject({ status: 'already_erased' });
    const unknown = await r.eraseRoute(at('POST', 'mentor', randomUUID(), 'erase', '{"confirm":true}'), lambdaContext);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain(mentee.email);
  });

  it('the retention task runs as of the scheduled time and refuses a malformed one', async () => {
    const r = await routes();
    expect(await r.retentionTask({ scheduledTime: NOW.toISOString(), 'detail-type': 'Scheduled Event' }, lambdaContext)).toEqual({ noticed: 0, erased: 0, tandemsAnonymised: 0, skipped: 0 });
    await expect(r.retentionTask({ scheduledTime: 'tonight' }, lambdaContext)).rejects.toMatchObject({ name: 'InvalidTaskInputError' });
  });
});
