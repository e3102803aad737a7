import type { Partner } from '../domain/people';

/** Partner organisations. */
export interface PartnerStore {
  /** Active partners sorted by name (served from an index, never a Scan). */
  listActive(): Promise<Array<Pick<Partner, 'id' | 'name'>>>;
  /** Creates or replaces a partner (seeding and, later, the admin API). */
  put(partner: Partner): Promise<void>;
}
