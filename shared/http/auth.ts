/**
 * Who is calling, and may they use this route. API Gateway's JWT authorizer (locally, the
 * emulator, which verifies tokens the same way: signature, issuer, audience, expiry) has already
 * checked the token; it hands the verified claims to the function in
 * `requestContext.authorizer.jwt.claims`. Groups are checked here, in the HTTP chain, from the
 * route table's `auth`, so no route can forget it: an HTTP API JWT authorizer checks only issuer,
 * audience, expiry and scopes, not Cognito groups.
 *
 * Tokens are Cognito ID tokens (audience: the console's app client): they carry `cognito:groups`
 * and the partner adviser's `custom:partnerId`. Claims are never logged: an ID token holds the
 * person's address.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AuthenticationRequiredError, ForbiddenError } from '../domain/errors';
import type { RouteAuth } from './routes';

export const USER_GROUPS = ['admin', 'partner'] as const;
export type UserGroup = (typeof USER_GROUPS)[number];

/** The claim names, as Cognito spells them and the local identity provider copies them. */
export const CLAIMS = {
  subject: 'sub',
  groups: 'cognito:groups',
  partnerId: 'custom:partnerId',
  tokenUse: 'token_use',
} as const;

/** A verified caller. A partner adviser always has `partnerId` (else the request is refused). */
export type Principal =
  | { readonly kind: 'admin'; readonly sub: string; readonly groups: readonly UserGroup[] }
  | { readonly kind: 'partner'; readonly sub: string; readonly groups: readonly UserGroup[]; readonly partnerId: string };

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/** The verified claims API Gateway (payload 2.0) puts on the event; undefined without an authorizer. */
export function claimsOf(event: APIGatewayProxyEventV2): Claims | undefined {
  const context = event.requestContext as APIGatewayProxyEventV2['requestContext'] & { authorizer?: { jwt?: { claims?: Claims } } };
  return context.authorizer?.jwt?.claims;
}

/**
 * `cognito:groups` as API Gateway hands it: an array claim becomes the string `[admin partner]`;
 * a JSON array string and a real array are accepted too.
 */
export function groupsOf(value: Claims[string]): UserGroup[] {
  let names: string[] = [];
  if (Array.isArray(value)) names = value.map(String);
  else if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[') && text.includes('"')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) names = parsed.map(String);
      } catch {
        names = [];
      }
    } else names = text.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  }
  return USER_GROUPS.filter((group) => names.includes(group));
}

/**
 * The principal of a request on a route with `auth`: no claims → 401 (the authorizer should have
 * refused; defence in depth), a caller outside the route's group → 403, a partner adviser without
 * a partner → 403. Public routes have no principal.
 */
export function authorize(auth: RouteAuth, claims: Claims | undefined): Principal | null {
  if (auth === 'public') return null;
  const sub = claims?.[CLAIMS.subject];
  if (!claims || typeof sub !== 'string' || sub === '') throw new AuthenticationRequiredError('No verified identity on the request');
  const groups = groupsOf(claims[CLAIMS.groups]);
  if (!groups.includes(auth)) throw new ForbiddenError('The caller is not in the route group');
  if (auth === 'admin') return { kind: 'admin', sub, groups };
  const partnerId = claims[CLAIMS.partnerId];
  if (typeof partnerId !== 'string' || partnerId === '') throw new ForbiddenError('A partner adviser without a partner');
  return { kind: 'partner', sub, groups, partnerId };
}

/** The partner a partner route works for (the chain guarantees it on `partner` routes). */
export function partnerIdOf(principal: Principal | null): string {
  if (principal?.kind !== 'partner') throw new ForbiddenError('Not a partner adviser');
  return principal.partnerId;
}
