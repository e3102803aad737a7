/**
 * The CCI's mentor and partner functions (functions/http/admin): each raw handler on a use case
 * over the in-memory store (path ids validated before anything is read, the status of each
 * answer), and the exported Lambda handlers through the real HTTP chain, which lets only the
 * `admin` group in: 401 without a verified identity, 403 for a partner adviser, before any read.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The handler modules build their use case at import, from the configuration CDK sets; the table
// is never reached here (authorization and path checks come first, or the memory store is used).
const savedEnv = vi.hoisted(() => {
  const values = { STAGE: 'test', TABLE_NAME: 'tandem-test', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', POWERTOOLS_LOG_LEVEL: 'SILENT' };
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return saved;
});
afterAll(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
import { changeMentorStatusSchema, createPartnerSchema, mentorListQuerySchema, updateMentorSchema, updatePartnerSchema } from '../../shared/domain/back-office-schemas';
import { memoryMentorAdminStore } from '../../shared/adapters/memory/mentor-admin';
import { memoryTable, type MemoryTable } from '../../shared/adapters/memory/table';
import { availabilityItems, personItem } from '../../shared/db/items';
import { ValidationFailedError } from '../../shared/domain/errors';
import { validate } from '../../shared/domain/validation';
import type { ApiRequest } from '../../shared/http/http-handler';
import type { MentorProfile } from '../../shared/domain/people';
import { makeChangeMentorStatus } from '../../shared/use-cases/admin/change-mentor-status';
import { makeCreatePartner } from '../../shared/use-cases/admin/create-partner';
import { makeGetMentor } from '../../shared/use-cases/admin/get-mentor';
import { makeListAdminPartners } from '../../shared/use-cases/admin/list-admin-partners';
import { makeListMentors } from '../../shared/use-cases/admin/list-mentors';
import { makeUpdateMentor } from '../../shared/use-cases/admin/update-mentor';
import { makeUpdatePartner } from '../../shared/use-cases/admin/update-partner';
import { handler as ChangeMentorStatus, makeChangeMentorStatusHandler } from '../../functions/http/admin/change-mentor-status';
import { handler as CreatePartner, makeCreatePartnerHandler } from '../../functions/http/admin/create-partner';
import { handler as GetMentor, makeGetMentorHandler } from '../../functions/http/admin/get-mentor';
import { handler as ListPartners, makeListAdminPartnersHandler } from '../../functions/http/admin/list-partners';
import { handler as ListMentors, makeListMentorsHandler } from '../../functions/http/admin/list-mentors';
import { handler as UpdateMentor, makeUpdateMentorHandler } from '../../functions/http/admin/update-mentor';
import { handler as UpdatePartner, makeUpdatePartnerHandler } from '../../functions/http/admin/update-partner';
import { ROUTES } from '../../shared/http/routes';
import { apiEvent, lambdaContext } from '../helpers/api-event';
import { mentorAt } from '../contract/mentor-admin.contract';

const clock = { now: () => new Date('2026-12-01T09:00:00.000Z') };
const admin = { kind: 'admin' as const, sub: 'officer-1', groups: ['admin' as const] };
let table: MemoryTable;
beforeEach(() => {
  table = memoryTable();
});
const store = () => memoryMentorAdminStore(table);
const seed = (mentor: MentorProfile) => {
  [personItem(mentor), ...availabilityItems(mentor)].forEach((item) => table.put(item));
  return mentor;
};
function request<B, Q>(input: { body?: B; query?: Q; pathParameters?: Record<string, string>; locale?: 'fr' | 'en' } = {}): ApiRequest<B, Q> {
  return { locale: input.locale ?? 'fr', body: input.body as B, query: input.query as Q, pathParameters: input.pathParameters ?? {}, sourceIp: '127.0.0.1', principal: admin };
}
const bodyOf = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe('raw handlers on the memory store', () => {
  it('ListMentors: 200 with a page from the parsed query', async () => {
    const mentor = seed(mentorAt(1, { status: 'active' }));
    const handler = makeListMentorsHandler(makeListMentors({ store: store() }));
    const res = await handler(request({ query: validate(mentorListQuerySchema, { departement: '13', limit: '10' }, 'fr') }), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({ items: [expect.objectContaining({ id: mentor.id, status: 'active' })] });
  });

  it('GetMentor: 200 with the detail; a malformed id is refused before any read', async () => {
    const mentor = seed(mentorAt(1));
    const reads = vi.fn();
    const handler = makeGetMentorHandler(makeGetMentor({ store: { getMentor: async (id) => (reads(id), store().getMentor(id)) } }));
    const res = await handler(request({ pathParameters: { mentorId: mentor.id } }), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({ id: mentor.id, email: mentor.email });
    const error = await handler(request({ pathParameters: { mentorId: 'Camille Durand' }, locale: 'en' }), lambdaContext).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(Object.keys((error as ValidationFailedError).fields)).toEqual(['mentorId']);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('ChangeMentorStatus: 200 with the mentor after the move', async () => {
    const mentor = seed(mentorAt(1));
    const handler = makeChangeMentorStatusHandler(makeChangeMentorStatus({ store: store(), clock }));
    const res = await handler(request({ pathParameters: { mentorId: mentor.id }, body: validate(changeMentorStatusSchema, { action: 'validate' }, 'fr') }), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({ id: mentor.id, status: 'active' });
  });

  it('UpdateMentor: 200 with the mentor after the edit', async () => {
    const mentor = seed(mentorAt(1, { status: 'active' }));
    const handler = makeUpdateMentorHandler(makeUpdateMentor({ store: store(), clock }));
    const res = await handler(request({ pathParameters: { mentorId: mentor.id }, body: validate(updateMentorSchema, { capacity: 4 }, 'fr') }), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({ capacity: 4 });
  });

  it('CreatePartner: 201; ListAdminPartners: 200; UpdatePartner: 200, and a malformed partner id is 400', async () => {
    const created = await makeCreatePartnerHandler(makeCreatePartner({ store: store(), clock }))(
      request({ body: validate(createPartnerSchema, { name: 'Élan', kind: 'association' }, 'fr') }),
      lambdaContext,
    );
    expect(created.statusCode).toBe(201);
    const { id } = bodyOf(created) as { id: string };
    const listed = await makeListAdminPartnersHandler(makeListAdminPartners({ store: store() }))(request({ query: {} }), lambdaContext);
    expect(bodyOf(listed)).toEqual({ items: [bodyOf(created)] });
    const update = makeUpdatePartnerHandler(makeUpdatePartner({ store: store() }));
    const changed = await update(request({ pathParameters: { partnerId: id }, body: validate(updatePartnerSchema, { status: 'inactive' }, 'fr') }), lambdaContext);
    expect(changed.statusCode).toBe(200);
    expect(bodyOf(changed)).toMatchObject({ id, status: 'inactive' });
    await expect(update(request({ pathParameters: { partnerId: '../PROFILE' }, body: {} }), lambdaContext)).rejects.toBeInstanceOf(ValidationFailedError);
  });
});

describe('the exported handlers through the HTTP chain', () => {
  type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;
  /** Each route's exported handler, by route id (the modules named by the route table's `entry`). */
  const HANDLERS: Record<string, [entry: string, handler: Handler]> = {
    ListAdminPartners: ['functions/http/admin/list-partners.ts', ListPartners],
    CreatePartner: ['functions/http/admin/create-partner.ts', CreatePartner],
    UpdatePartner: ['functions/http/admin/update-partner.ts', UpdatePartner],
    ListMentors: ['functions/http/admin/list-mentors.ts', ListMentors],
    GetMentor: ['functions/http/admin/get-mentor.ts', GetMentor],
    UpdateMentor: ['functions/http/admin/update-mentor.ts', UpdateMentor],
    ChangeMentorStatus: ['functions/http/admin/change-mentor-status.ts', ChangeMentorStatus],
  };
  const routes = ROUTES.filter((r) => r.id in HANDLERS);
  /** An event as API Gateway hands it after the JWT authorizer, with these claims. */
  const eventFor = (route: (typeof routes)[number], claims?: Record<string, string>, id = 'not-an-id') => {
    const path = route.path.replace(/\{(\w+)\}/, id);
    const base = apiEvent({ method: route.method, path, ...(route.method === 'GET' ? {} : { body: '{}' }) });
    const param = /\{(\w+)\}/.exec(route.path)?.[1];
    return {
      ...base,
      ...(param ? { pathParameters: { [param]: id } } : {}),
      requestContext: { ...base.requestContext, ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}) },
    } as APIGatewayProxyEventV2;
  };

  it('serves the seven routes, each from the module the route table names, all for the admin group', () => {
    expect(routes).toHaveLength(7);
    for (const route of routes) {
      expect(route.entry).toBe(HANDLERS[route.id]![0]);
      expect(route.auth).toBe('admin');
    }
  });

  it.each(routes.map((r) => [r.id, r] as const))('%s: 403 for a partner adviser, 401 without an identity', async (_id, route) => {
    const handler = HANDLERS[route.id]![1];
    const partner = await handler(eventFor(route, { sub: 'adviser-1', 'cognito:groups': '[partner]', 'custom:partnerId': 'p1' }), lambdaContext);
    expect(partner.statusCode).toBe(403);
    expect(JSON.parse(partner.body)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await handler(eventFor(route), lambdaContext)).statusCode).toBe(401);
  });

  it('lets the CCI officer in: a malformed mentor id is then a 400, before any read', async () => {
    const route = routes.find((r) => r.id === 'GetMentor')!;
    const handler = HANDLERS[route.id]![1];
    const res = await handler(eventFor(route, { sub: 'officer-1', 'cognito:groups': '[admin]' }), lambdaContext);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'validation_failed', fields: { mentorId: expect.any(String) } } });
    const ok = await handler(eventFor(route, { sub: 'officer-1', 'cognito:groups': '[admin]' }, randomUUID()), lambdaContext);
    // A well-formed id passes the chain and reaches the (unreachable) table: not a 4xx of the chain.
    expect([400, 401, 403]).not.toContain(ok.statusCode);
  });
});
