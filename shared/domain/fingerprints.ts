/**
 * Stable hashes used as keys: an e-mail address (so keys never hold the address itself) and a
 * whole submission (so a retried request is recognised).
 */
import { createHash } from 'node:crypto';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');

export function hashEmail(normalizedEmail: string): string {
  return sha256(`email:${normalizedEmail}`);
}

/** JSON with object keys sorted at every depth, so field order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function fingerprintSubmission(kind: string, normalizedInput: unknown): string {
  return sha256(`${kind}\n${canonicalJson(normalizedInput)}`);
}
