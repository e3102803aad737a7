import type { Person, Role } from '../domain/people';

/** Reads people by id: what a consumer that only addresses people (the mail consumer) needs. */
export interface PersonDirectory {
  get(role: Role, id: string): Promise<Person | undefined>;
}
