import { describe, expect, it } from 'vitest';
import { createRouteMatcher } from '../../infra/local/route-matcher';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';

function route(id: string, method: RouteDefinition['method'], path: string): RouteDefinition {
  return { id, method, path, entry: `functions/http/${id}.ts`, auth: 'public', capabilities: [], summary: id };
}

describe('createRouteMatcher', () => {
  // Deliberately listed from the least to the most specific: order in the table must not matter.
  const match = createRouteMatcher([
    route('Proxy', 'GET', '/api/files/{path+}'),
    route('GetThing', 'GET', '/api/things/{id}'),
    route('UpdateThing', 'PATCH', '/api/things/{id}'),
    route('GetSpecial', 'GET', '/api/things/special'),
    route('ListThingParts', 'GET', '/api/things/{id}/parts'),
  ]);

  it('prefers a literal segment over a parameter', () => {
    expect(match('GET', '/api/things/special')).toMatchObject({ kind: 'match', route: { id: 'GetSpecial' }, pathParameters: {} });
  });

  it('extracts and decodes path parameters', () => {
    expect(match('GET', '/api/things/a%20b')).toMatchObject({ kind: 'match', route: { id: 'GetThing' }, pathParameters: { id: 'a b' } });
    expect(match('GET', '/api/things/42/parts')).toMatchObject({ kind: 'match', route: { id: 'ListThingParts' }, pathParameters: { id: '42' } });
  });

  it('falls back to a parameter route when the literal route lacks the method', () => {
    expect(match('PATCH', '/api/things/special')).toMatchObject({ kind: 'match', route: { id: 'UpdateThing' }, pathParameters: { id: 'special' } });
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(match('GET', '/api/files/a/b/c.txt')).toMatchObject({ kind: 'match', pathParameters: { path: 'a/b/c.txt' } });
    expect(match('GET', '/api/files/')).toEqual({ kind: 'not-found' });
  });

  it('reports the allowed methods when only the method differs', () => {
    expect(match('DELETE', '/api/things/42')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'PATCH'] });
  });

  it('does not match empty segments, extra segments or unknown paths', () => {
    expect(match('GET', '/api/things/')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/api/things/42/parts/7')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/api/nothing')).toEqual({ kind: 'not-found' });
  });

  it('matches methods case-insensitively', () => {
    expect(match('get', '/api/things/1')).toMatchObject({ kind: 'match', route: { id: 'GetThing' } });
  });

  it('resolves every route of the real table to itself', () => {
    const real = createRouteMatcher(ROUTES);
    for (const r of ROUTES) {
      const path = r.path.replace(/\{[^}]+\}/g, 'x');
      expect(real(r.method, path)).toMatchObject({ kind: 'match', route: { id: r.id } });
    }
  });
});
