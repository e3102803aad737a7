/**
 * What every PartnerStore promises (shared/ports/partner-store.ts): active partners only, id and
 * name only, sorted by name as the index sorts it (accents and case folded, then by id); `put`
 * creates or replaces. Each subject starts empty.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Partner } from '../../shared/domain/people';
import type { PartnerStore } from '../../shared/ports/partner-store';
import { T0 } from './support';

export interface PartnerStoreSubject {
  partners: PartnerStore;
  cleanup(): Promise<void>;
}

const partner = (id: string, name: string, status: Partner['status'] = 'active'): Partner => ({
  id,
  name,
  kind: 'association',
  status,
  dedicatedPool: false,
  createdAt: T0.toISOString(),
});

export function partnerStoreContract(name: string, makeSubject: () => Promise<PartnerStoreSubject>) {
  describe(`PartnerStore contract: ${name}`, () => {
    let subject: PartnerStoreSubject;
    let partners: PartnerStore;
    beforeEach(async () => {
      subject = await makeSubject();
      partners = subject.partners;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('lists nothing when there is no partner', async () => {
      expect(await partners.listActive()).toEqual([]);
    });

    it('lists active partners only, id and name only, sorted by folded name then id', async () => {
      for (const p of [
        partner('zebre', 'Zèbre'),
        partner('emergence', 'Émergence'),
        partner('dormant', 'Dormant', 'inactive'),
        partner('avenir-2', 'avenir'),
        partner('batisseurs', 'Bâtisseurs'),
        partner('avenir-1', 'Avenir'),
      ]) {
        await partners.put(p);
      }
      expect(await partners.listActive()).toEqual([
        { id: 'avenir-1', name: 'Avenir' },
        { id: 'avenir-2', name: 'avenir' },
        { id: 'batisseurs', name: 'Bâtisseurs' },
        { id: 'emergence', name: 'Émergence' },
        { id: 'zebre', name: 'Zèbre' },
      ]);
    });

    it('replaces a partner: a new name moves it, a new status removes it from the list', async () => {
      await partners.put(partner('a', 'Alpha'));
      await partners.put(partner('b', 'Bravo'));
      await partners.put(partner('a', 'Zoulou'));
      expect(await partners.listActive()).toEqual([
        { id: 'b', name: 'Bravo' },
        { id: 'a', name: 'Zoulou' },
      ]);
      await partners.put(partner('b', 'Bravo', 'inactive'));
      expect(await partners.listActive()).toEqual([{ id: 'a', name: 'Zoulou' }]);
    });
  });
}
