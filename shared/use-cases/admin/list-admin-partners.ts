/**
 * The CCI's partner list. Input: an optional status (`active` or `inactive`; both without it).
 * Output: the partners with their settings, sorted by name as the status index sorts them
 * (accents and case folded). One Query per status on the index, never a Scan.
 */
import type { AdminPartner } from '../../domain/back-office-schemas';
import type { Partner } from '../../domain/people';
import type { MentorAdminStore } from '../../ports/mentor-admin';

export function adminPartner(partner: Partner): AdminPartner {
  return {
    id: partner.id,
    name: partner.name,
    kind: partner.kind,
    status: partner.status,
    dedicatedPool: partner.dedicatedPool === true,
    ...(partner.contactEmail ? { contactEmail: partner.contactEmail } : {}),
    createdAt: partner.createdAt,
  };
}

const folded = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function makeListAdminPartners({ store }: { store: Pick<MentorAdminStore, 'listPartners'> }) {
  return async function listAdminPartners(query: { status?: Partner['status'] | undefined }): Promise<{ items: AdminPartner[] }> {
    const statuses: Partner['status'][] = query.status ? [query.status] : ['active', 'inactive'];
    const partners = (await Promise.all(statuses.map((status) => store.listPartners(status)))).flat();
    const order = (p: Partner) => `${folded(p.name)}#${p.id}`;
    partners.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    return { items: partners.map(adminPartner) };
  };
}
