/**
 * The lines of the back office's GSI2 lists as both BackOfficeReads adapters give them: only the
 * attributes the index projects (shared/db/table.ts), so the in-memory adapter, which holds whole
 * items, shows no more than the table's index does.
 */
import type { Item } from '../../db/items';
import type { PartnerMenteeLine, PartnerTandemLine, PendingProposalLine } from '../../ports/back-office-reads';

const optional = (item: Item, name: string) => (typeof item[name] === 'string' ? { [name]: item[name] as string } : {});

export const partnerMenteeLine = (item: Item): PartnerMenteeLine => ({
  id: String(item.id),
  firstName: String(item.firstName),
  lastName: String(item.lastName),
  status: item.status as PartnerMenteeLine['status'],
  track: item.track as PartnerMenteeLine['track'],
  createdAt: String(item.createdAt),
  ...optional(item, 'verifiedAt'),
});

export const partnerTandemLine = (item: Item): PartnerTandemLine => ({
  id: String(item.id),
  status: item.status as PartnerTandemLine['status'],
  track: String(item.track),
  startedAt: String(item.startedAt),
  menteeId: String(item.menteeId),
  mentorId: String(item.mentorId),
});

export const pendingProposalLine = (item: Item): PendingProposalLine => ({
  menteeId: String(item.menteeId),
  mentorId: String(item.mentorId),
  createdAt: String(item.createdAt),
  expiresAt: String(item.expiresAt),
  ...optional(item, 'remindedAt'),
});
