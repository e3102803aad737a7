/**
 * Lists the active partner organisations for the sign-up form's referral drop-down.
 * Output: id and name only, sorted by name (French collation).
 */
import type { PartnerStore } from '../ports/partner-store';

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

export function makeListPartners({ partners }: { partners: PartnerStore }) {
  return async function listPartners() {
    const list = await partners.listActive();
    return list.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
  };
}
