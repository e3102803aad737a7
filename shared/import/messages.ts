/**
 * The import's problems and their French messages. A message names codes, dates, lines and
 * external ids, never a value that is personal data (a name, an address, a postal code).
 */
import type { ImportProblem } from '../domain/report-schemas';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const quote = (v: string | number) => `«${NNBSP}${v}${NNBSP}»`;
const colon = `${NBSP}:`;

export type ProblemCode =
  | 'bad_csv'
  | 'bad_header'
  | 'bad_row'
  | 'missing_value'
  | 'unknown_code'
  | 'bad_date'
  | 'future_date'
  | 'date_order'
  | 'bad_value'
  | 'duplicate_external_id'
  | 'duplicate_email'
  | 'unknown_reference'
  | 'unknown_postal_code'
  | 'commune_mismatch'
  | 'commune_required'
  | 'capacity_exceeded'
  | 'mentee_in_two_tandems'
  | 'no_active_tandem'
  | 'track_mismatch'
  | 'not_allowed'
  | 'write_conflict';

type Params = Record<string, string | number | undefined>;

const MESSAGES: Record<ProblemCode, (p: Params) => string> = {
  bad_csv: () => `fichier CSV illisible (guillemet non fermé${NNBSP}?)`,
  bad_header: (p) =>
    p.kind === 'empty'
      ? 'ligne d’en-tête absente'
      : p.kind === 'missing'
        ? 'colonne attendue absente de l’en-tête'
        : p.kind === 'repeated'
          ? 'colonne présente deux fois dans l’en-tête'
          : 'colonne inconnue dans l’en-tête',
  bad_row: (p) => `${p.found} cellules pour ${p.expected} colonnes d’en-tête`,
  missing_value: () => 'valeur manquante',
  unknown_code: (p) => `code inconnu ${quote(String(p.value))}${colon} codes possibles ${p.allowed}`,
  bad_date: (p) => `date invalide ${quote(String(p.value))}${colon} format attendu AAAA-MM-JJ`,
  future_date: (p) => `date dans le futur ${quote(String(p.value))}`,
  date_order: (p) => `date antérieure à ${p.other}`,
  bad_value: (p) => (p.expected ? `valeur invalide${colon} ${p.expected}` : 'valeur invalide'),
  duplicate_external_id: (p) => `external_id ${quote(String(p.value))} déjà présent ligne ${p.firstLine}`,
  duplicate_email: (p) => (p.firstLine ? `adresse e-mail déjà présente ligne ${p.firstLine}` : 'adresse e-mail déjà utilisée par une autre personne du hub'),
  unknown_reference: (p) => `référence inconnue ${quote(String(p.value))}${colon} absente de ${p.file} et des imports précédents`,
  unknown_postal_code: () => 'code postal inconnu',
  commune_mismatch: () => 'la commune ne correspond pas au code postal',
  commune_required: () => 'commune à préciser (commune_code)\u202f: ce code postal dessert plusieurs communes',
  capacity_exceeded: (p) => `capacité du mentor ${quote(String(p.value))} dépassée${colon} ${p.active} tandems actifs pour une capacité de ${p.capacity}`,
  mentee_in_two_tandems: (p) => `le mentoré ${quote(String(p.value))} a déjà un tandem actif${p.firstLine ? ` (ligne ${p.firstLine})` : ''}`,
  no_active_tandem: () => 'statut in_tandem sans tandem actif pour ce mentoré dans tandems.csv',
  track_mismatch: (p) => `le mentor ${quote(String(p.value))} n’accompagne pas le parcours du mentoré (${p.track})`,
  not_allowed: (p) => `valeur inattendue${colon} ${p.reason}`,
  write_conflict: () => 'écriture interrompue (les données ont changé pendant l’import)\u202f: relancez l’import, il reprend où il s’est arrêté',
};

export function problem(file: string, line: number, column: string | undefined, code: ProblemCode, params: Params): ImportProblem {
  return { file, line, ...(column !== undefined ? { column } : {}), code, message: MESSAGES[code](params) };
}

/** `mentors.csv, ligne 12, colonne email : …` — how the CLI prints a problem. */
export function describeProblem(p: ImportProblem): string {
  return `${p.file}, ligne ${p.line}${p.column ? `, colonne ${p.column}` : ''}${colon} ${p.message}`;
}
