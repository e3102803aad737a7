/**
 * The single place where key shapes are spelled. Repositories call these builders; nothing else
 * writes `PK`/`SK` strings. The layout is documented in docs/data-model.md.
 */
import { TABLE } from './table';
import type { Role, PersonStatus } from '../domain/people';

const { partitionKey: PK, sortKey: SK } = TABLE;
const { GSI1, GSI2, GSI3 } = TABLE.indexes;

export type Key = Record<string, string>;

const entity = (role: Role) => (role === 'mentor' ? 'MENTOR' : 'MENTEE');

/** Month bucket of an ISO timestamp, for the time index (reports by period). */
const month = (iso: string) => iso.slice(0, 7);

export const keys = {
  person: (role: Role, id: string): Key => ({ [PK]: `${entity(role)}#${id}`, [SK]: 'PROFILE' }),
  /** Index attributes of a person: by status (GSI1), by referring partner (GSI2), by creation month (GSI3). */
  personIndexes: (role: Role, id: string, status: PersonStatus, createdAt: string, partnerId?: string): Key => ({
    ...personStatusIndex(role, id, status, createdAt),
    ...(partnerId ? { [GSI2.partitionKey]: `PARTNER#${partnerId}#MENTEES`, [GSI2.sortKey]: `${createdAt}#${id}` } : {}),
    [GSI3.partitionKey]: `CREATED#${month(createdAt)}`,
    [GSI3.sortKey]: `${createdAt}#${entity(role)}#${id}`,
  }),
  personStatusIndex: (role: Role, id: string, status: PersonStatus, createdAt: string): Key => personStatusIndex(role, id, status, createdAt),
  personsByStatus: (role: Role, status: PersonStatus) => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, value: `${entity(role)}#STATUS#${status}` }),
  menteesOfPartner: (partnerId: string) => ({ index: 'GSI2' as const, partitionKey: GSI2.partitionKey, value: `PARTNER#${partnerId}#MENTEES` }),
  createdInMonth: (yyyyMm: string) => ({ index: 'GSI3' as const, partitionKey: GSI3.partitionKey, value: `CREATED#${yyyyMm}` }),

  /** One address registers once per role; the key holds a hash of the address, never the address. */
  emailClaim: (role: Role, emailHash: string): Key => ({ [PK]: `EMAIL#${entity(role)}#${emailHash}`, [SK]: 'EMAIL' }),
  /** A remembered sign-up submission (hash of route and body), so a retry has no second effect. */
  submission: (fingerprint: string): Key => ({ [PK]: `SUBMISSION#${fingerprint}`, [SK]: 'SUBMISSION' }),
  /** A spent single-use link, by its token id. */
  spentLink: (tokenId: string): Key => ({ [PK]: `LINK#${tokenId}`, [SK]: 'SPENT' }),

  partner: (id: string): Key => ({ [PK]: `PARTNER#${id}`, [SK]: 'PROFILE' }),
  partnerIndexes: (id: string, name: string, status: 'active' | 'inactive'): Key => ({
    [GSI1.partitionKey]: `PARTNER#STATUS#${status}`,
    [GSI1.sortKey]: `${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}#${id}`,
  }),
  partnersByStatus: (status: 'active' | 'inactive') => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, value: `PARTNER#STATUS#${status}` }),
} as const;

function personStatusIndex(role: Role, id: string, status: PersonStatus, createdAt: string): Key {
  return { [GSI1.partitionKey]: `${entity(role)}#STATUS#${status}`, [GSI1.sortKey]: `${createdAt}#${id}` };
}

/** Attribute names the repositories strip before handing items to the domain. */
export const KEY_ATTRIBUTES: readonly string[] = [PK, SK, ...Object.values(TABLE.indexes).flatMap((i) => [i.partitionKey, i.sortKey])];
