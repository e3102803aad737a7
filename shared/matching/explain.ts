/**
 * Explanations, French first: why a mentor is proposed (each part of the score with its share)
 * and why one is not (the first hard constraint it breaks). Built only for what is shown, so
 * ranking a large pool stays cheap.
 */
import { EXPERTISE, PROFILES, SECTORS, type Label } from '../domain/reference';
import { departementName, epciName, regionName } from '../reference/area-names';

/** Official names keep a straight apostrophe ("Pays d'Aix"); the sentences that reach people use the typographic one. */
const curly = (name: string) => name.replace(/'/g, '\u2019');
import { POINTS_SCALE } from './config';
import { GEO_LEVELS, type Scorer, geoLevel } from './pair';
import type { CompiledMentee, MentorPool } from './pool';
import { EXCLUSION_TEXT } from './exclusion-text';
import { EXCLUSION_CODES, type Exclusion, type Reason } from './types';

/** A label inside a sentence: first letter lower-cased unless it starts an acronym ("CV, lettre…"). */
const inSentence = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase('fr') + s.slice(1) : s);
/** First clause of an official sector label: "Commerce ; réparation d'automobiles…" → "commerce". */
function shortSector(label: Label): Label {
  const cut = (s: string) => inSentence(s.split(/[ \u00a0\u202f]?; /)[0]!);
  return { fr: cut(label.fr), en: cut(label.en) };
}
const labelOf = (list: readonly { code: string; label: Label }[], code: string): Label =>
  list.find((x) => x.code === code)?.label ?? { fr: code, en: code };
const sectorLabel = (code: string) => shortSector(labelOf(SECTORS, code));
const expertiseLabel = (code: string): Label => {
  const label = labelOf(EXPERTISE, code);
  return { fr: inSentence(label.fr), en: inSentence(label.en) };
};
const profileLabel = (code: string) => labelOf(PROFILES, code);
const round = (x: number) => Math.round(x * POINTS_SCALE) / POINTS_SCALE;


export function exclusion(index: number): Exclusion {
  const code = EXCLUSION_CODES[index]!;
  return { code, text: EXCLUSION_TEXT[code] };
}

/** The lines of a compatible pair's score, largest share first (criterion order on ties). */
export function reasons(pool: MentorPool, i: number, m: CompiledMentee, s: Scorer): Reason[] {
  const out: Reason[] = [];
  const mentor = pool.mentors[i]!;
  const request = m.request;

  if ((pool.sectors[i]! & m.sector) !== 0) {
    const label = sectorLabel(request.sector);
    out.push({ code: 'same_sector', criterion: 'sector', points: round(s.sector), params: { sector: request.sector }, text: { fr: `Même secteur\u00a0: ${label.fr}`, en: `Same sector: ${label.en}` } });
  } else {
    const label = sectorLabel(request.sector);
    out.push({ code: 'other_sector', criterion: 'sector', points: 0, params: { sector: request.sector }, text: { fr: `Pas du même secteur (personne accompagnée\u00a0: ${label.fr})`, en: `Not the same sector (mentee: ${label.en})` } });
  }

  if (m.needsCount > 0) {
    const each = s.needs / m.needsCount;
    const missing: string[] = [];
    for (const need of new Set(request.needs)) {
      const label = expertiseLabel(need);
      if (mentor.expertise.includes(need)) {
        out.push({ code: 'need_covered', criterion: 'needs', points: round(each), params: { need }, text: { fr: `Besoin ↔ expertise\u00a0: ${label.fr}`, en: `Need ↔ expertise: ${label.en}` } });
      } else missing.push(need);
    }
    if (missing.length > 0) {
      out.push({
        code: 'needs_not_covered',
        criterion: 'needs',
        points: 0,
        params: { needs: missing.join(',') },
        text: { fr: `Besoins non couverts\u00a0: ${missing.map((n) => expertiseLabel(n).fr).join(', ')}`, en: `Needs not covered: ${missing.map((n) => expertiseLabel(n).en).join(', ')}` },
      });
    }
  }

  const levelIndex = geoLevel(pool, i, m);
  const level = GEO_LEVELS[levelIndex]!;
  const geoPoints = round(s.geo[levelIndex]!);
  const place = request.place;
  if (level === 'commune') {
    // Unnamed: commune names weigh 200 KB, too much for the functions that explain (see docs/reference-data.md).
    out.push({ code: 'same_commune', criterion: 'geography', points: geoPoints, params: { commune: place.city! }, text: { fr: 'Même commune', en: 'Same commune' } });
  } else if (level === 'epci') {
    const name = curly(epciName(place.epci!) ?? place.epci!);
    const metropolis = /^Métropole/i.test(name);
    out.push({
      code: 'same_epci',
      criterion: 'geography',
      points: geoPoints,
      params: { epci: place.epci! },
      text: metropolis ? { fr: `Même métropole\u00a0: ${name}`, en: `Same metropolis: ${name}` } : { fr: `Même intercommunalité\u00a0: ${name}`, en: `Same intercommunality: ${name}` },
    });
  } else if (level === 'departement') {
    const name = curly(departementName(place.departement!) ?? place.departement!);
    out.push({ code: 'same_departement', criterion: 'geography', points: geoPoints, params: { departement: place.departement! }, text: { fr: `Même département\u00a0: ${name}`, en: `Same département: ${name}` } });
  } else if (level === 'region') {
    const name = curly(regionName(place.region!) ?? place.region!);
    out.push({ code: 'same_region', criterion: 'geography', points: geoPoints, params: { region: place.region! }, text: { fr: `Même région\u00a0: ${name}`, en: `Same region: ${name}` } });
  } else {
    // Nothing shared, not even the département: the hard constraints leave only remote meetings.
    out.push({ code: 'far_away', criterion: 'geography', points: geoPoints, params: {}, text: { fr: 'Éloignés\u00a0: rencontres à distance', en: 'Far apart: remote meetings' } });
  }

  const fit = s.fit[m.trackIndex * pool.size + i]!;
  const profile = profileLabel(mentor.profile);
  const track = request.track === 'business_creation' ? { fr: 'un projet de création ou de reprise', en: 'a business creation or takeover' } : { fr: "une recherche d’emploi", en: 'a job search' };
  out.push({
    code: 'profile_fit',
    criterion: 'profile',
    points: round(s.profile * fit),
    params: { profile: mentor.profile, track: request.track, fit },
    text: { fr: `${profile.fr} pour ${track.fr}`, en: `${profile.en} for ${track.en}` },
  });

  const active = pool.activeMentees[i]!;
  const capacity = pool.capacity[i]!;
  out.push({
    code: 'load',
    criterion: 'load',
    points: round(s.load * s.loadShare[i]!),
    params: { active, capacity },
    text:
      active === 0
        ? { fr: `Aucune personne accompagnée en ce moment (${capacity} place${capacity > 1 ? 's' : ''})`, en: `No mentee yet (${capacity} place${capacity > 1 ? 's' : ''})` }
        : { fr: `Déjà ${active} personne${active > 1 ? 's' : ''} accompagnée${active > 1 ? 's' : ''} sur ${capacity}`, en: `Already ${active} mentee${active > 1 ? 's' : ''} out of ${capacity}` },
  });

  const order = ['sector', 'needs', 'geography', 'profile', 'load'];
  return out
    .map((r, k) => ({ r, k }))
    .sort((a, b) => b.r.points - a.r.points || order.indexOf(a.r.criterion) - order.indexOf(b.r.criterion) || a.k - b.k)
    .map(({ r }) => r);
}
