/**
 * Requests reach the API through the site's CloudFront distribution only. Where the API has a
 * domain of its own (prod: its execute-api endpoint is disabled), that domain is still public, so
 * CloudFront adds a secret header to every `/api/*` request it forwards, and the HTTP chain refuses
 * a request without it (403) — nothing goes around the web firewall. The value is a Secrets
 * Manager secret resolved at deployment into both the distribution and the functions' environment.
 * Locally, and on a stage whose API has no domain of its own, no value is set and nothing is checked.
 */
import { timingSafeEqual } from 'node:crypto';
import { ENV } from '../config/env';

/** The header CloudFront sets on the requests it forwards to the API (it replaces a viewer's). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** The value to expect, from the environment at cold start; undefined: no check. */
export function expectedOriginValue(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[ENV.originVerifyValue]?.trim();
  return value ? value : undefined;
}

/** Whether the request came through the site: the header is present and equal (in constant time). */
export function cameThroughSite(headers: Readonly<Record<string, string | undefined>> | undefined, expected: string | undefined): boolean {
  if (expected === undefined) return true;
  const given = headers?.[ORIGIN_VERIFY_HEADER];
  if (given === undefined) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
