/**
 * Deterministic ids from external ids, so a re-import finds what an earlier one wrote: a UUID
 * shaped as version 8 (RFC 9562, custom) from the SHA-256 of `<kind>:<external_id>` for people and
 * tandems (the console's routes validate them as UUIDs), a short `imp-` id for partners (partner
 * ids match `^[A-Za-z0-9_-]{1,64}$`).
 */
import { createHash } from 'node:crypto';

export type ImportedKind = 'partner' | 'mentor' | 'mentee' | 'tandem';

const digest = (kind: ImportedKind, externalId: string) => createHash('sha256').update(`${kind}:${externalId}`, 'utf8').digest();

/** A v8-shaped UUID from `<kind>:<externalId>`. */
export function importedUuid(kind: 'mentor' | 'mentee' | 'tandem', externalId: string): string {
  const bytes = digest(kind, externalId).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A partner id from its external id: `imp-` and 24 hex digits. */
export const importedPartnerId = (externalId: string): string => `imp-${digest('partner', externalId).toString('hex').slice(0, 24)}`;
