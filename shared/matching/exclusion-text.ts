/**
 * Why a mentor is left out, one sentence per exclusion code, French first. Apart from explain.ts
 * so that the mail consumer (the "no mentor found" report) carries these labels without the
 * communes data the rest of the engine reads.
 */
import type { Label } from '../domain/reference';
import type { ExclusionCode } from './types';

export const EXCLUSION_TEXT: Record<ExclusionCode, Label> = {
  mentor_not_active: { fr: "Le mentor n’est pas actif (en attente, en pause ou parti)", en: 'The mentor is not active (pending, paused or gone)' },
  no_capacity: { fr: "Le mentor n’a plus de place libre", en: 'The mentor has no free place left' },
  track_not_offered: { fr: "Le mentor n’accompagne pas ce parcours", en: 'The mentor does not offer this track' },
  no_shared_language: { fr: 'Aucune langue en commun', en: 'No shared language' },
  meeting_mode_incompatible: { fr: 'Modes de rencontre incompatibles (présentiel seul d’un côté, distance seule de l’autre)', en: 'Incompatible meeting modes (in person only on one side, remote only on the other)' },
  too_far_for_in_person: { fr: 'Rencontres en présentiel seulement, mais pas dans le même département', en: 'In-person meetings only, but not in the same département' },
  declined_before: { fr: 'Le mentor a déjà décliné cette personne', en: 'The mentor already declined this mentee' },
  ended_before: { fr: 'Un tandem entre eux a déjà pris fin', en: 'A tandem between them has already ended' },
  conflict_of_interest: { fr: 'Conflit d’intérêts\u00a0: même organisation', en: 'Conflict of interest: same organisation' },
  outside_dedicated_pool: { fr: 'Hors du vivier de mentors réservé au partenaire', en: 'Outside the partner’s dedicated mentor pool' },
  forbidden_pair: { fr: 'Paire écartée pour ce tour', en: 'Pair ruled out for this round' },
};
