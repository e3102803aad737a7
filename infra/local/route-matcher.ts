/**
 * Matches a request path against the route table the way API Gateway HTTP APIs do: `{name}` takes
 * one path segment, `{name+}` the rest of the path, and the most specific route wins (a literal
 * segment beats a parameter, a parameter beats a greedy one), whatever the table's order.
 */
import type { RouteDefinition } from '../../shared/http/routes';

export type RouteMatch<R extends RouteDefinition = RouteDefinition> =
  | { kind: 'match'; route: R; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

const RANK = { literal: 0, param: 1, greedy: 2 } as const;

function parseTemplate(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
      if (!param) return { kind: 'literal', value: part };
      return param[2] ? { kind: 'greedy', name: param[1]! } : { kind: 'param', name: param[1]! };
    });
}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function matchSegments(template: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const segment = template[i]!;
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[segment.name] = decodeSegment(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.value) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = decodeSegment(part);
    }
  }
  return parts.length === template.length ? params : undefined;
}

/** Negative when `a` is more specific than `b`, compared segment by segment from the left. */
function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i];
    const right = b[i];
    if (!left || !right) return left ? -1 : 1;
    const diff = RANK[left.kind] - RANK[right.kind];
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Builds a matcher over a route table; templates are parsed once. */
export function createRouteMatcher<R extends RouteDefinition>(routes: readonly R[]) {
  const compiled = routes
    .map((route) => ({ route, segments: parseTemplate(route.path) }))
    .sort((a, b) => compareSpecificity(a.segments, b.segments));

  return function matchRoute(method: string, rawPath: string): RouteMatch<R> {
    const parts = rawPath.split('/').slice(1);
    const allowed = new Set<string>();
    for (const { route, segments } of compiled) {
      const pathParameters = matchSegments(segments, parts);
      if (!pathParameters) continue;
      if (route.method === method.toUpperCase()) return { kind: 'match', route, pathParameters };
      allowed.add(route.method);
    }
    return allowed.size > 0 ? { kind: 'method-not-allowed', allowed: [...allowed].sort() } : { kind: 'not-found' };
  };
}
