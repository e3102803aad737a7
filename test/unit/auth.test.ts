/**
 * The authorization step of the HTTP chain (shared/http/auth.ts): groups as API Gateway hands
 * them, the principal of each kind of route, and 401/403 through the real middy chain.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authorize, claimsOf, groupsOf, partnerIdOf } from '../../shared/http/auth';
import { httpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import { AuthenticationRequiredError, ForbiddenError } from '../../shared/domain/errors';
import { apiEvent, lambdaContext } from '../helpers/api-event';

describe('groupsOf', () => {
  it.each([
    ['API Gateway\'s flattened array', '[admin partner]', ['admin', 'partner']],
    ['one group, flattened', '[partner]', ['partner']],
    ['a JSON array string', '["admin","partner"]', ['admin', 'partner']],
    ['a real array (a local or direct event)', ['partner'], ['partner']],
    ['a bare name', 'admin', ['admin']],
    ['commas between names', '[admin,partner]', ['admin', 'partner']],
    ['unknown groups, dropped', '[readers admin-like Admin]', []],
    ['an empty list', '[]', []],
    ['no claim at all', undefined, []],
    ['a number', 42, []],
    ['a broken JSON array', '["admin"', []],
  ] as const)('%s → %j', (_name, value, expected) => {
    expect(groupsOf(value as never)).toEqual(expected);
  });
});

describe('authorize', () => {
  const admin = { sub: 'u-1', 'cognito:groups': '[admin]' };
  const adviser = { sub: 'u-2', 'cognito:groups': '[partner]', 'custom:partnerId': 'work-up' };

  it('gives public routes no principal, token or not', () => {
    expect(authorize('public', undefined)).toBeNull();
    expect(authorize('public', admin)).toBeNull();
  });

  it('refuses a guarded route without verified claims or without a subject (401)', () => {
    expect(() => authorize('admin', undefined)).toThrow(AuthenticationRequiredError);
    expect(() => authorize('admin', { 'cognito:groups': '[admin]' })).toThrow(AuthenticationRequiredError);
    expect(() => authorize('partner', { ...adviser, sub: '' })).toThrow(AuthenticationRequiredError);
    expect(() => authorize('partner', { ...adviser, sub: 7 })).toThrow(AuthenticationRequiredError);
  });

  it('refuses a caller outside the route group (403)', () => {
    expect(() => authorize('admin', adviser)).toThrow(ForbiddenError);
    expect(() => authorize('partner', admin)).toThrow(ForbiddenError);
    expect(() => authorize('admin', { sub: 'u-3' })).toThrow(ForbiddenError);
  });

  it('refuses a partner adviser without a partner id (403), even one also in admin', () => {
    expect(() => authorize('partner', { sub: 'u-2', 'cognito:groups': '[partner]' })).toThrow(ForbiddenError);
    expect(() => authorize('partner', { sub: 'u-2', 'cognito:groups': '[partner]', 'custom:partnerId': '' })).toThrow(ForbiddenError);
    expect(() => authorize('partner', { sub: 'u-4', 'cognito:groups': '[admin partner]' })).toThrow(ForbiddenError);
  });

  it('returns the principal of each kind', () => {
    expect(authorize('admin', admin)).toEqual({ kind: 'admin', sub: 'u-1', groups: ['admin'] });
    expect(authorize('partner', adviser)).toEqual({ kind: 'partner', sub: 'u-2', groups: ['partner'], partnerId: 'work-up' });
    const both = authorize('admin', { sub: 'u-5', 'cognito:groups': '[admin partner]', 'custom:partnerId': 'p' });
    expect(both).toEqual({ kind: 'admin', sub: 'u-5', groups: ['admin', 'partner'] });
  });

  it('partnerIdOf: only a partner principal has one', () => {
    expect(partnerIdOf({ kind: 'partner', sub: 's', groups: ['partner'], partnerId: 'p-1' })).toBe('p-1');
    expect(() => partnerIdOf({ kind: 'admin', sub: 's', groups: ['admin'] })).toThrow(ForbiddenError);
    expect(() => partnerIdOf(null)).toThrow(ForbiddenError);
  });
});

describe('the HTTP chain authorizes from the route table', () => {
  const withClaims = (claims?: Record<string, string>): APIGatewayProxyEventV2 => {
    const event = apiEvent({ method: 'GET', path: '/api/partner/mentees' });
    if (claims) Object.assign(event.requestContext, { authorizer: { jwt: { claims, scopes: null } } });
    return event;
  };
  const seen: unknown[] = [];
  const handler = httpHandler({ route: 'ListPartnerMentees' }, async (request) => {
    seen.push(request.principal);
    return json(200, { ok: true });
  });

  it('reads the claims where API Gateway puts them', () => {
    expect(claimsOf(withClaims({ sub: 'x' }))).toEqual({ sub: 'x' });
    expect(claimsOf(withClaims())).toBeUndefined();
  });

  it('401 with www-authenticate without claims, 403 for the wrong group or no partner id, the principal otherwise', async () => {
    const call = async (claims?: Record<string, string>) => {
      const res = await handler(withClaims(claims), lambdaContext);
      return { status: res.statusCode, headers: res.headers ?? {}, body: JSON.parse(String(res.body)) as { error?: { code: string } } };
    };
    const anonymous = await call();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('unauthorized');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');

    const officer = await call({ sub: 'a', 'cognito:groups': '[admin]' });
    expect(officer.status).toBe(403);
    expect(officer.body.error?.code).toBe('forbidden');

    expect((await call({ sub: 'b', 'cognito:groups': '[partner]' })).status).toBe(403);
    expect(seen).toEqual([]);

    const adviser = await call({ sub: 'c', 'cognito:groups': '[partner]', 'custom:partnerId': 'p-9' });
    expect(adviser.status).toBe(200);
    expect(seen).toEqual([{ kind: 'partner', sub: 'c', groups: ['partner'], partnerId: 'p-9' }]);
  });
});
