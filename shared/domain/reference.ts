/**
 * Code lists of the programme. Codes are stable identifiers stored in records; labels are for
 * people, French first. Sectors are the 21 sections of the French activity nomenclature
 * (NAF rév. 2), with INSEE's official French labels; the sections rare among the programme's
 * people (mining, energy, water and waste, public administration, households as employers,
 * extra-territorial bodies) are marked `rare`, and the forms offer them under "Autres secteurs".
 */

export interface Label {
  readonly fr: string;
  readonly en: string;
}
export interface CodeLabel<C extends string = string> {
  readonly code: C;
  readonly label: Label;
  /** Offered by the forms under "Autres secteurs" / "Autres langues" rather than in the main list (rare in the programme). */
  readonly rare?: true;
}

export const SECTOR_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U'] as const;
export type SectorCode = (typeof SECTOR_CODES)[number];

export const SECTORS: readonly CodeLabel<SectorCode>[] = [
  { code: 'A', label: { fr: 'Agriculture, sylviculture et pêche', en: 'Agriculture, forestry and fishing' } },
  { code: 'B', label: { fr: 'Industries extractives', en: 'Mining and quarrying' }, rare: true },
  { code: 'C', label: { fr: 'Industrie manufacturière', en: 'Manufacturing' } },
  { code: 'D', label: { fr: 'Production et distribution d’électricité, de gaz, de vapeur et d’air conditionné', en: 'Electricity, gas, steam and air conditioning supply' }, rare: true },
  { code: 'E', label: { fr: 'Production et distribution d’eau\u202f; assainissement, gestion des déchets et dépollution', en: 'Water supply; sewerage, waste management and remediation' }, rare: true },
  { code: 'F', label: { fr: 'Construction', en: 'Construction' } },
  { code: 'G', label: { fr: 'Commerce\u202f; réparation d’automobiles et de motocycles', en: 'Wholesale and retail trade; repair of motor vehicles and motorcycles' } },
  { code: 'H', label: { fr: 'Transports et entreposage', en: 'Transportation and storage' } },
  { code: 'I', label: { fr: 'Hébergement et restauration', en: 'Accommodation and food service activities' } },
  { code: 'J', label: { fr: 'Information et communication', en: 'Information and communication' } },
  { code: 'K', label: { fr: 'Activités financières et d’assurance', en: 'Financial and insurance activities' } },
  { code: 'L', label: { fr: 'Activités immobilières', en: 'Real estate activities' } },
  { code: 'M', label: { fr: 'Activités spécialisées, scientifiques et techniques', en: 'Professional, scientific and technical activities' } },
  { code: 'N', label: { fr: 'Activités de services administratifs et de soutien', en: 'Administrative and support service activities' } },
  { code: 'O', label: { fr: 'Administration publique', en: 'Public administration' }, rare: true },
  { code: 'P', label: { fr: 'Enseignement', en: 'Education' } },
  { code: 'Q', label: { fr: 'Santé humaine et action sociale', en: 'Human health and social work activities' } },
  { code: 'R', label: { fr: 'Arts, spectacles et activités récréatives', en: 'Arts, entertainment and recreation' } },
  { code: 'S', label: { fr: 'Autres activités de services', en: 'Other service activities' } },
  { code: 'T', label: { fr: 'Activités des ménages en tant qu’employeurs\u202f; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre', en: 'Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use' }, rare: true },
  { code: 'U', label: { fr: 'Activités extra-territoriales', en: 'Activities of extraterritorial organisations and bodies' }, rare: true },
];

export const EXPERTISE_CODES = [
  'business_plan', 'finance', 'funding', 'legal', 'marketing', 'sales', 'digital', 'management',
  'hr', 'operations', 'international', 'cv_interview', 'networking', 'career_change', 'confidence',
] as const;
export type ExpertiseCode = (typeof EXPERTISE_CODES)[number];

export const EXPERTISE: readonly CodeLabel<ExpertiseCode>[] = [
  { code: 'business_plan', label: { fr: "Business plan et modèle économique", en: 'Business plan and business model' } },
  { code: 'finance', label: { fr: 'Gestion financière et comptabilité', en: 'Financial management and accounting' } },
  { code: 'funding', label: { fr: 'Financement et levée de fonds', en: 'Funding and fundraising' } },
  { code: 'legal', label: { fr: 'Juridique et statuts', en: 'Legal matters and company status' } },
  { code: 'marketing', label: { fr: 'Marketing et communication', en: 'Marketing and communication' } },
  { code: 'sales', label: { fr: 'Commercial et prospection', en: 'Sales and prospecting' } },
  { code: 'digital', label: { fr: 'Numérique et présence en ligne', en: 'Digital and online presence' } },
  { code: 'management', label: { fr: "Management et organisation", en: 'Management and organisation' } },
  { code: 'hr', label: { fr: 'Ressources humaines et recrutement', en: 'Human resources and hiring' } },
  { code: 'operations', label: { fr: 'Production, achats et logistique', en: 'Operations, purchasing and logistics' } },
  { code: 'international', label: { fr: 'Développement international', en: 'International development' } },
  { code: 'cv_interview', label: { fr: 'CV, lettre et entretien d’embauche', en: 'CV, cover letter and job interview' } },
  { code: 'networking', label: { fr: 'Réseau professionnel', en: 'Professional network' } },
  { code: 'career_change', label: { fr: 'Reconversion professionnelle', en: 'Career change' } },
  { code: 'confidence', label: { fr: 'Confiance en soi et prise de parole', en: 'Self-confidence and public speaking' } },
];

export const LANGUAGE_CODES = ['fr', 'en', 'ar', 'es', 'it', 'de', 'pt', 'tr', 'ro', 'ru', 'zh', 'vi', 'hy', 'wo'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export const LANGUAGES: readonly CodeLabel<LanguageCode>[] = [
  { code: 'fr', label: { fr: 'Français', en: 'French' } },
  { code: 'en', label: { fr: 'Anglais', en: 'English' } },
  { code: 'ar', label: { fr: 'Arabe', en: 'Arabic' } },
  { code: 'es', label: { fr: 'Espagnol', en: 'Spanish' } },
  { code: 'it', label: { fr: 'Italien', en: 'Italian' } },
  { code: 'de', label: { fr: 'Allemand', en: 'German' }, rare: true },
  { code: 'pt', label: { fr: 'Portugais', en: 'Portuguese' }, rare: true },
  { code: 'tr', label: { fr: 'Turc', en: 'Turkish' }, rare: true },
  { code: 'ro', label: { fr: 'Roumain', en: 'Romanian' }, rare: true },
  { code: 'ru', label: { fr: 'Russe', en: 'Russian' }, rare: true },
  { code: 'zh', label: { fr: 'Chinois', en: 'Chinese' }, rare: true },
  { code: 'vi', label: { fr: 'Vietnamien', en: 'Vietnamese' }, rare: true },
  { code: 'hy', label: { fr: 'Arménien', en: 'Armenian' }, rare: true },
  { code: 'wo', label: { fr: 'Wolof', en: 'Wolof' }, rare: true },
];

export const TRACK_CODES = ['job_search', 'business_creation'] as const;
export type TrackCode = (typeof TRACK_CODES)[number];
export const TRACKS: readonly CodeLabel<TrackCode>[] = [
  { code: 'job_search', label: { fr: 'Recherche d’emploi', en: 'Job search' } },
  { code: 'business_creation', label: { fr: 'Création ou reprise d’entreprise', en: 'Starting or taking over a business' } },
];

export const MEETING_MODE_CODES = ['in_person', 'remote'] as const;
export type MeetingModeCode = (typeof MEETING_MODE_CODES)[number];
export const MEETING_MODES: readonly CodeLabel<MeetingModeCode>[] = [
  { code: 'in_person', label: { fr: 'En présentiel', en: 'In person' } },
  { code: 'remote', label: { fr: 'À distance', en: 'Remote' } },
];

/**
 * What a mentor is, or was: many volunteer mentors are retired, and independent professions
 * (lawyers, accountants, consultants…) are neither business owners nor employees.
 */
export const PROFILE_CODES = ['entrepreneur', 'executive', 'employee', 'independent', 'retired'] as const;
export type ProfileCode = (typeof PROFILE_CODES)[number];
export const PROFILES: readonly CodeLabel<ProfileCode>[] = [
  { code: 'entrepreneur', label: { fr: 'Chef·fe d’entreprise ou entrepreneur·e', en: 'Business owner or entrepreneur' } },
  { code: 'executive', label: { fr: 'Cadre de direction', en: 'Executive' } },
  { code: 'employee', label: { fr: 'Salarié·e', en: 'Employee' } },
  { code: 'independent', label: { fr: 'Profession libérale ou indépendante', en: 'Independent professional or self-employed' } },
  { code: 'retired', label: { fr: 'Retraité·e', en: 'Retired' } },
];

/** The whole set, as served by `GET /api/reference`. */
export const REFERENCE = {
  sectors: SECTORS,
  expertise: EXPERTISE,
  languages: LANGUAGES,
  tracks: TRACKS,
  meetingModes: MEETING_MODES,
  profiles: PROFILES,
} as const;
