/**
 * Seeds of the local runtime. `seedPartners` runs on every start (idempotent: fixed ids) so the
 * referral drop-down is never empty; `seedDemo` (`npm start -- --demo`) adds a realistic
 * programme in the Aix-Marseille-Provence metropolis: 250 mentors and 420 mentees at every
 * status, placed in communes weighted by population (official data). Deterministic: a seeded
 * generator, fixed ids, so re-running rewrites the same items.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from './dynamodb-local';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { keys } from '../../shared/db/keys';
import { hashEmail } from '../../shared/domain/fingerprints';
import { CONSENT_VERSION, type MenteeStatus, type MentorStatus, type Partner } from '../../shared/domain/people';
import { EXPERTISE_CODES, LANGUAGE_CODES, PROFILE_CODES, SECTOR_CODES, TRACK_CODES } from '../../shared/domain/reference';
import { communesOfEpci, type Commune } from '../../shared/reference/communes';

export interface SeedContext {
  endpoint: string;
  tableName: string;
  log: (line: string) => void;
}

/** SIREN of the Métropole d'Aix-Marseille-Provence. */
export const AIX_MARSEILLE_PROVENCE = '200054807';

const PARTNERS: Array<[string, string]> = [
  ['Mission locale de Marseille', 'youth_employment'],
  ["Mission locale du Pays d'Aix", 'youth_employment'],
  ['Mission locale Est Étang de Berre', 'youth_employment'],
  ['Mission locale Ouest Provence', 'youth_employment'],
  ['Mission locale de La Ciotat', 'youth_employment'],
  ['France Travail Marseille Joliette', 'public_employment'],
  ['France Travail Marseille Saint-Charles', 'public_employment'],
  ['France Travail Aix-en-Provence', 'public_employment'],
  ['France Travail Aubagne', 'public_employment'],
  ['France Travail Martigues', 'public_employment'],
  ['France Travail Vitrolles', 'public_employment'],
  ['Apec Marseille', 'executive_employment'],
  ['Apec Aix-en-Provence', 'executive_employment'],
  ['Initiative Marseille Métropole', 'entrepreneurship_network'],
  ["Initiative Pays d'Aix", 'entrepreneurship_network'],
  ['Initiative Pays de Martigues', 'entrepreneurship_network'],
  ['Réseau Entreprendre Provence', 'entrepreneurship_network'],
  ['BGE Sud', 'entrepreneurship_network'],
  ['Adie Provence', 'microcredit'],
  ['Couveuse Interface', 'business_incubator'],
  ['Pépinière Marseille Innovation', 'business_incubator'],
  ['Cité des entrepreneurs Aix', 'business_incubator'],
  ['Entreprise de travail temporaire d’insertion Sud Intérim', 'integration'],
  ['Association Intermédiaire Pays d’Aubagne', 'integration'],
  ['Chantier d’insertion Calanques Nature', 'integration'],
  ['École de la deuxième chance de Marseille', 'integration'],
  ['EPIDE Marseille', 'integration'],
  ['Cap Emploi 13', 'disability_employment'],
  ['Maison de l’emploi de Marseille', 'public_employment'],
  ['Cité des métiers de Marseille', 'public_employment'],
  ['Programme Ambition Cadres (6 semaines)', 'executive_employment'],
  ['Club des entrepreneurs des quartiers Nord', 'entrepreneurship_network'],
  ['Université Aix-Marseille — Pépite', 'student_entrepreneurship'],
  ['Centre d’information sur les droits des femmes 13', 'integration'],
];

/** Small, seeded PRNG (mulberry32): same seed, same programme. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const pool = [...list];
    const out: T[] = [];
    const n = Math.min(pool.length, int(min, max));
    while (out.length < n) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  const weighted = <T>(items: readonly T[], weight: (t: T) => number) => {
    const total = items.reduce((s, i) => s + weight(i), 0);
    return () => {
      let r = next() * total;
      for (const i of items) if ((r -= weight(i)) <= 0) return i;
      return items[items.length - 1]!;
    };
  };
  return { next, int, pick, some, weighted };
}

const FIRST_NAMES = ['Camille', 'Léa', 'Inès', 'Sarah', 'Manon', 'Chloé', 'Yasmine', 'Nadia', 'Sophie', 'Julie', 'Amina', 'Lucie', 'Marie', 'Fatima', 'Élodie', 'Aïcha', 'Hélène', 'Nathalie', 'Karima', 'Anaïs', 'Lucas', 'Hugo', 'Karim', 'Mehdi', 'Thomas', 'Nicolas', 'Julien', 'Yanis', 'Mohamed', 'Antoine', 'Pierre', 'Rayan', 'Sofiane', 'Olivier', 'Marc', 'Bilal', 'Laurent', 'Théo', 'Franck', 'Adrien'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Garcia', 'Martinez', 'Benali', 'Rossi', 'Ferrari', 'Mansouri', 'Nguyen', 'Durand', 'Lopez', 'Fabre', 'Giraud', 'Chabert', 'Roux', 'Blanc', 'Haddad', 'Bouzid', 'Esposito', 'Mercier', 'Arnaud', 'Sanchez', 'Meyer', 'Petit', 'Moreau', 'Ricci', 'Brun', 'Gauthier', 'Amrani', 'Aubert', 'Barthélemy', 'Olivier', 'Castellan', 'Marchetti', 'Sarkissian', 'Diallo', 'Ndiaye', 'Perrin', 'Rey'];
const COMPANIES = ['Provence Conseil', 'Calanques Digital', 'Méditerranée Logistique', 'Savonnerie du Vieux-Port', 'Banque Populaire Méditerranée', 'CMA CGM', 'Airbus Helicopters', 'Cabinet Giraud & associés', 'La Table d’Aix', 'Sud Bâtiment', 'Indépendant', 'Port de Marseille Fos', 'Hôpital Européen', 'Studio Joliette'];
const JOB_TITLES = ['Directrice générale', 'Directeur commercial', 'Gérant', 'Responsable RH', 'Expert-comptable', 'Cheffe de projet', 'DAF', 'Responsable marketing', 'Ingénieur', 'Consultante', 'Fondateur'];

const MENTOR_STATUS_MIX: Array<[MentorStatus, number]> = [
  ['pending_verification', 8],
  ['pending_validation', 22],
  ['active', 195],
  ['paused', 17],
  ['inactive', 8],
];
const MENTEE_STATUS_MIX: Array<[MenteeStatus, number]> = [
  ['pending_verification', 25],
  ['awaiting_match', 90],
  ['matching', 20],
  ['matched', 170],
  ['unmatched', 25],
  ['closed', 90],
];

function partners(now: Date): Partner[] {
  return PARTNERS.map(([name, kind], i) => ({
    id: `p${String(i + 1).padStart(2, '0')}`,
    name,
    kind,
    status: 'active',
    // The six-week executive programme brings its own mentors.
    dedicatedPool: kind === 'executive_employment' && name.includes('Programme'),
    createdAt: new Date(now.getTime() - (1400 - i * 30) * 86400_000).toISOString(),
  }));
}

function documentClient(ctx: SeedContext): DynamoDBDocumentClient {
  return toDocumentClient(localDynamoDbClient(ctx.endpoint));
}

async function writeAll(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let requests: Array<{ PutRequest: { Item: Record<string, unknown> } }> | undefined = items
      .slice(i, i + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (requests && requests.length > 0) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = result.UnprocessedItems?.[tableName] as typeof requests;
    }
  }
}

const partnerItem = (p: Partner) => ({ ...p, ...keys.partner(p.id), ...keys.partnerIndexes(p.id, p.name, p.status), entity: 'Partner' });

export async function seedPartners(ctx: SeedContext): Promise<number> {
  const db = documentClient(ctx);
  try {
    const list = partners(new Date('2026-11-01T00:00:00Z'));
    await writeAll(db, ctx.tableName, list.map(partnerItem));
    return list.length;
  } finally {
    db.destroy();
  }
}

const slug = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, '');
const seededId = (prefix: string, n: number) => `${prefix}-${String(n).padStart(4, '0')}-demo`;

function personItems(role: 'mentor' | 'mentee', person: Record<string, unknown> & { id: string; email: string; status: MentorStatus | MenteeStatus; createdAt: string; partnerId?: string }) {
  const claim = { ...keys.emailClaim(role, hashEmail(person.email)), entity: 'EmailClaim', personId: person.id };
  const profile = {
    ...person,
    role,
    ...keys.person(role, person.id),
    ...keys.personIndexes(role, person.id, person.status, person.createdAt, person.partnerId),
    entity: role === 'mentor' ? 'Mentor' : 'Mentee',
    emailHash: hashEmail(person.email),
  };
  return [claim, profile];
}

export async function seedDemo(ctx: SeedContext): Promise<void> {
  const r = rng(20261126);
  const now = new Date();
  const communes = communesOfEpci(AIX_MARSEILLE_PROVENCE).filter((c) => c.postalCodes.length > 0);
  const place = r.weighted<Commune>(communes, (c) => c.population);
  const partnerList = partners(new Date('2026-11-01T00:00:00Z'));
  const items: Record<string, unknown>[] = [];
  const daysAgo = (max: number) => new Date(now.getTime() - r.int(1, max) * 86400_000 - r.int(0, 86399) * 1000).toISOString();
  const identity = (n: number, kind: string) => {
    const firstName = r.pick(FIRST_NAMES);
    const lastName = r.pick(LAST_NAMES);
    return { firstName, lastName, email: `${slug(firstName)}.${slug(lastName)}.${kind}${n}@demo.tandem.local` };
  };
  const where = () => {
    const c = place();
    return { postalCode: r.pick(c.postalCodes), communeCode: c.code };
  };
  const consent = (createdAt: string) => ({ consentAt: createdAt, consentVersion: CONSENT_VERSION, locale: r.next() < 0.93 ? 'fr' : 'en' });

  let n = 0;
  for (const [status, count] of MENTOR_STATUS_MIX) {
    for (let i = 0; i < count; i++, n++) {
      const createdAt = daysAgo(1400);
      const capacity = r.pick([1, 1, 2, 2, 2, 3, 3, 4, 5]);
      const profile = r.pick(PROFILE_CODES);
      items.push(
        ...personItems('mentor', {
          id: seededId('mentor', n),
          ...identity(n, 'mentor'),
          status,
          createdAt,
          ...consent(createdAt),
          ...(status !== 'pending_verification' ? { verifiedAt: createdAt } : {}),
          company: r.pick(COMPANIES),
          jobTitle: r.pick(JOB_TITLES),
          profile,
          tracks: profile === 'entrepreneur' ? r.some(TRACK_CODES, 1, 2) : r.next() < 0.7 ? ['job_search'] : [...TRACK_CODES],
          sectors: r.some(SECTOR_CODES.filter((s) => !['T', 'U', 'B'].includes(s)), 1, 3),
          expertise: r.some(EXPERTISE_CODES, 2, 5),
          languages: ['fr', ...r.some(LANGUAGE_CODES.filter((l) => l !== 'fr'), 0, 2)],
          ...where(),
          meetingModes: r.next() < 0.6 ? ['in_person', 'remote'] : r.next() < 0.7 ? ['in_person'] : ['remote'],
          capacity,
          activeMentees: status === 'active' ? r.int(0, capacity) : 0,
        }),
      );
    }
  }
  n = 0;
  for (const [status, count] of MENTEE_STATUS_MIX) {
    for (let i = 0; i < count; i++, n++) {
      const createdAt = daysAgo(status === 'closed' ? 1400 : 400);
      const track = r.next() < 0.62 ? 'job_search' : 'business_creation';
      const referred = r.next() < 0.8;
      items.push(
        ...personItems('mentee', {
          id: seededId('mentee', n),
          ...identity(n, 'mentee'),
          status,
          createdAt,
          ...consent(createdAt),
          ...(status !== 'pending_verification' ? { verifiedAt: createdAt } : {}),
          track,
          sector: r.pick(['G', 'I', 'M', 'N', 'Q', 'J', 'F', 'H', 'C', 'S'] as const),
          needs: track === 'job_search' ? r.some(['cv_interview', 'networking', 'career_change', 'confidence', 'digital'] as const, 1, 3) : r.some(['business_plan', 'finance', 'funding', 'legal', 'marketing', 'sales'] as const, 1, 4),
          languages: r.next() < 0.85 ? ['fr'] : ['fr', r.pick(['ar', 'en', 'es', 'tr', 'wo'] as const)],
          ...where(),
          meetingModes: r.next() < 0.5 ? ['in_person', 'remote'] : r.next() < 0.8 ? ['in_person'] : ['remote'],
          ...(referred ? { partnerId: r.pick(partnerList).id } : {}),
        }),
      );
    }
  }

  const db = documentClient(ctx);
  try {
    ctx.log(`Demo programme: writing ${items.length} items (250 mentors, 420 mentees)… / Jeu de démonstration : écriture de ${items.length} éléments…`);
    await writeAll(db, ctx.tableName, items);
    ctx.log('Demo programme ready / Jeu de démonstration prêt');
  } finally {
    db.destroy();
  }
}
