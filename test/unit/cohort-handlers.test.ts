/**
 * The cohort routes through their exported `handler` (the whole HTTP chain: authorization from the
 * route table, parsing, error mapping), with the composition root replaced by the same use cases
 * on the in-memory adapters: a CCI officer creates, revises and publishes a draft; a partner
 * adviser gets 403; bad ids and bodies are 400s, never 500s.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { MatchingHub } from '../helpers/matching-hub';
import { apiEvent, lambdaContext } from '../helpers/api-event';

vi.mock('../../functions/commons/cohort-wiring', async () => {
  const { makeMatchingHub } = await import('../helpers/matching-hub');
  const { memoryCohortStore } = await import('../../shared/adapters/memory/cohort-store');
  const { makeCreateCohortDraft } = await import('../../shared/use-cases/admin/create-cohort-draft');
  const { makeReviseCohortDraft } = await import('../../shared/use-cases/admin/revise-cohort-draft');
  const { makePublishCohortDraft } = await import('../../shared/use-cases/admin/publish-cohort-draft');
  const { makeGetCohortDraft } = await import('../../shared/use-cases/admin/get-cohort-draft');
  const { makeListCohortDrafts } = await import('../../shared/use-cases/admin/list-cohort-drafts');
  const hub = makeMatchingHub();
  const deps = { store: hub.store, cohorts: memoryCohortStore(hub.table), clock: hub.clock };
  return {
    hub,
    wireCreateCohortDraft: () => makeCreateCohortDraft(deps),
    wireReviseCohortDraft: () => makeReviseCohortDraft(deps),
    wirePublishCohortDraft: () => makePublishCohortDraft(deps),
    wireGetCohortDraft: () => makeGetCohortDraft(deps),
    wireListCohortDrafts: () => makeListCohortDrafts(deps),
  };
});

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;
const handlerOf = async (name: string) => ((await import(`../../functions/http/admin/${name}.ts`)) as { handler: Handler }).handler;

const ADMIN = { sub: 'officer-1', 'cognito:groups': '[admin]' };
const PARTNER = { sub: 'adviser-1', 'cognito:groups': '[partner]', 'custom:partnerId': 'p-workup' };

function call(handler: Handler, input: { method: string; path: string; claims?: Record<string, string>; body?: unknown; query?: Record<string, string>; pathParameters?: Record<string, string> }) {
  const event = apiEvent({ method: input.method, path: input.path, ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}), ...(input.query ? { query: input.query } : {}) });
  const withAuth = {
    ...event,
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: { ...event.requestContext, ...(input.claims ? { authorizer: { jwt: { claims: input.claims, scopes: [] } } } : {}) },
  } as APIGatewayProxyEventV2;
  return handler(withAuth, lambdaContext).then((r) => ({ status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> & { error?: { code: string } } }));
}

let hub: MatchingHub;
let partnerId: string;
beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  hub = ((await import('../../functions/commons/cohort-wiring')) as unknown as { hub: MatchingHub }).hub;
  partnerId = hub.seedPartner({ name: 'Work’Up Massilia' }).id;
  for (const name of ['Inès', 'Lucas']) hub.seedMentee({ firstName: name, status: 'unmatched', partnerId });
  hub.seedMentor({ capacity: 1 });
  hub.seedMentor({ capacity: 1 });
});

describe('cohort routes through the HTTP chain', () => {
  it('lets the CCI create (201), read, list, revise and publish a draft, once', async () => {
    const [create, get, list, revise, publish] = await Promise.all(
      ['create-cohort-draft', 'get-cohort-draft', 'list-cohort-drafts', 'revise-cohort-draft', 'publish-cohort-draft'].map(handlerOf),
    );
    const created = await call(create!, { method: 'POST', path: '/api/admin/cohorts', claims: ADMIN, body: { partnerId } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ partnerId, version: 1, status: 'draft', matched: 2 });
    const id = created.body.id as string;
    const pairs = created.body.pairs as Array<{ mentee: { id: string } }>;

    expect(await call(get!, { method: 'GET', path: `/api/admin/cohorts/${id}`, claims: ADMIN, pathParameters: { draftId: id } })).toMatchObject({ status: 200, body: { id } });
    expect(await call(list!, { method: 'GET', path: '/api/admin/cohorts', claims: ADMIN, query: { partnerId } })).toMatchObject({ status: 200, body: { items: [{ id }] } });

    const swapped = await call(revise!, {
      method: 'POST',
      path: `/api/admin/cohorts/${id}/revisions`,
      claims: ADMIN,
      pathParameters: { draftId: id },
      body: { version: 1, edits: [{ op: 'swap', menteeId: pairs[0]!.mentee.id, otherMenteeId: pairs[1]!.mentee.id }] },
    });
    expect(swapped).toMatchObject({ status: 200, body: { version: 2 } });
    const stale = await call(revise!, { method: 'POST', path: `/api/admin/cohorts/${id}/revisions`, claims: ADMIN, pathParameters: { draftId: id }, body: { version: 1, edits: [{ op: 'unpin', menteeId: pairs[0]!.mentee.id }] } });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'stale_version' } } });
    const outside = await call(revise!, {
      method: 'POST',
      path: `/api/admin/cohorts/${id}/revisions`,
      claims: ADMIN,
      pathParameters: { draftId: id },
      body: { version: 2, edits: [{ op: 'remove', menteeId: '00000000-0000-4000-8000-000000000000' }] },
    });
    expect(outside).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', fields: { 'edits.0.menteeId': 'Cette personne ne fait pas partie de ce brouillon.' } } } });

    const published = await call(publish!, { method: 'POST', path: `/api/admin/cohorts/${id}/publication`, claims: ADMIN, pathParameters: { draftId: id }, body: { version: 2 } });
    expect(published.status).toBe(200);
    expect(published.body.publication).toHaveLength(2);
    const again = await call(publish!, { method: 'POST', path: `/api/admin/cohorts/${id}/publication`, claims: ADMIN, pathParameters: { draftId: id }, body: { version: 2 } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_published' } } });
  });

  it('answers 403 to a partner adviser and 401 without a token, before reading anything', async () => {
    const create = await handlerOf('create-cohort-draft');
    expect((await call(create, { method: 'POST', path: '/api/admin/cohorts', claims: PARTNER, body: { partnerId } })).status).toBe(403);
    expect((await call(create, { method: 'POST', path: '/api/admin/cohorts', body: { partnerId } })).status).toBe(401);
    const list = await handlerOf('list-cohort-drafts');
    expect((await call(list, { method: 'GET', path: '/api/admin/cohorts', claims: PARTNER })).status).toBe(403);
  });

  it('answers 404 for an unknown partner or draft and 400 for a bad id or body, never 500', async () => {
    const [create, get, publish] = await Promise.all(['create-cohort-draft', 'get-cohort-draft', 'publish-cohort-draft'].map(handlerOf));
    expect((await call(create!, { method: 'POST', path: '/api/admin/cohorts', claims: ADMIN, body: { partnerId: 'nobody' } })).status).toBe(404);
    expect((await call(create!, { method: 'POST', path: '/api/admin/cohorts', claims: ADMIN, body: { partnerId: 'a b' } })).status).toBe(400);
    expect((await call(get!, { method: 'GET', path: '/api/admin/cohorts/x', claims: ADMIN, pathParameters: { draftId: 'not-a-uuid' } })).status).toBe(400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call(get!, { method: 'GET', path: `/api/admin/cohorts/${unknown}`, claims: ADMIN, pathParameters: { draftId: unknown } })).status).toBe(404);
    expect((await call(publish!, { method: 'POST', path: `/api/admin/cohorts/${unknown}/publication`, claims: ADMIN, pathParameters: { draftId: unknown }, body: { version: 0 } })).status).toBe(400);
  });
});
