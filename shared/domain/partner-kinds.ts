/** Words for the kinds of partner organisations (PARTNER_KINDS), French first, for the console. */
import type { PARTNER_KINDS } from './back-office-schemas';

export const PARTNER_KIND_LABELS: Readonly<Record<(typeof PARTNER_KINDS)[number], { fr: string; en: string }>> = {
  employment_agency: { fr: 'Agence pour l’emploi', en: 'Employment agency' },
  youth_mission: { fr: 'Mission locale', en: 'Youth employment centre' },
  business_support: { fr: 'Accompagnement à la création d’entreprise', en: 'Business support' },
  association: { fr: 'Association', en: 'Non-profit association' },
  school: { fr: 'École ou organisme de formation', en: 'School or training body' },
  other: { fr: 'Autre', en: 'Other' },
};
