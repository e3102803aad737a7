/**
 * `npm run import -- <dossier> [--dry-run]`: imports an existing programme's CSV files
 * (docs/import/README.md) into the running local hub (`npm start`), as the console's import page
 * does: the files of the folder named partners.csv, mentors.csv, mentees.csv and tandems.csv (any
 * of them) are sent together to POST /api/admin/imports with a token of the local CCI account,
 * signed with the key of `.local/` (a hub started with `--in-memory` has a key of its own and
 * refuses it). The hub checks everything first; with `--dry-run` it writes nothing.
 * Prints a line per file and a summary in French, every problem by file, line and column (never a
 * cell's value). Exit codes, as npm run jobs: 0 done, 1 problems or the hub did not answer,
 * 2 bad arguments or no file to import.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { IMPORT_FILES, type ImportFileKind, type ImportResult } from '../shared/domain/report-schemas';
import { describeProblem } from '../shared/import/messages';
import { IDENTITY_KEY_FILE, LOCAL_CLIENT_ID, loadOrCreateIdentityKey, localIssuer, OFFICER_ACCOUNT, signIdToken } from '../infra/local/identity-provider';
import { hubDown, originOf, UsageError } from './jobs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NBSP = '\u00a0';
/** The route the console's import page posts to (shared/http/routes.ts ImportProgramme). */
export const IMPORT_PATH = '/api/admin/imports';

export const USAGE = `Usage${NBSP}: npm run import -- <dossier> [--dry-run]
  <dossier>   un dossier avec partners.csv, mentors.csv, mentees.csv et/ou tandems.csv
              (modèles${NBSP}: docs/import/) / a folder with those files (templates: docs/import/)
  --dry-run   vérifier seulement, rien n’est écrit / check only, nothing is written
  PORT=3000   port du hub local (npm start) / port of the local hub (npm start)
Exemple / Example${NBSP}: npm run import -- docs/import --dry-run`;

export interface ImportCommand {
  help: boolean;
  folder?: string;
  dryRun?: boolean;
}

const parseCommandLine = (args: readonly string[]) =>
  parseArgs({ args: [...args], options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });

/** The command line's folder and mode, or a UsageError in French and English. */
export function parseImportArgs(args: readonly string[]): ImportCommand {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch {
    throw new UsageError(`Option inconnue / Unknown option: ${args.join(' ').slice(0, 80)}`);
  }
  if (parsed.values.help) return { help: true };
  const [folder, ...rest] = parsed.positionals;
  if (folder === undefined) throw new UsageError('Quel dossier\u202f? / Which folder?');
  if (rest.length > 0) throw new UsageError(`Un seul dossier à la fois / One folder at a time: ${rest.join(' ').slice(0, 80)}`);
  return { help: false, folder, dryRun: parsed.values['dry-run'] ?? false };
}

/** The folder's import files (those present), by kind. */
export async function readImportFolder(folder: string, read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8')): Promise<Partial<Record<ImportFileKind, string>>> {
  const files: Partial<Record<ImportFileKind, string>> = {};
  for (const kind of IMPORT_FILES) {
    try {
      files[kind] = await read(join(folder, `${kind}.csv`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}

const plural = (n: number, one: string, many: string) => `${n}${NBSP}${n > 1 ? many : one}`;

/** The lines printed for a result: one per file, the problems, the summary. */
export function describeResult(result: ImportResult): string[] {
  const lines = result.files.map((f) => {
    const counts = `${plural(f.rows, 'ligne', 'lignes')}, ${plural(f.created, result.dryRun ? 'à créer' : 'créée', result.dryRun ? 'à créer' : 'créées')}, ${plural(f.unchanged, 'déjà importée', 'déjà importées')}`;
    const state = result.dryRun ? 'vérifié' : f.written ? 'écrit' : 'non écrit';
    return `${f.written || (result.dryRun && result.ok) ? '✓' : '✗'} ${f.file}${NBSP}: ${counts} — ${state}`;
  });
  if (result.problems.length > 0) {
    lines.push('', `${plural(result.problems.length, 'problème', 'problèmes')}${NBSP}:`);
    for (const p of result.problems) lines.push(`  ${describeProblem(p)}`);
  }
  const created = result.files.reduce((n, f) => n + f.created, 0);
  const unchanged = result.files.reduce((n, f) => n + f.unchanged, 0);
  lines.push(
    '',
    result.ok
      ? result.dryRun
        ? `Vérification réussie${NBSP}: ${plural(created, 'ligne serait importée', 'lignes seraient importées')}, ${plural(unchanged, 'déjà présente', 'déjà présentes')}. Rien n’a été écrit (--dry-run).`
        : `Import réussi${NBSP}: ${plural(created, 'ligne importée', 'lignes importées')}, ${plural(unchanged, 'déjà présente laissée', 'déjà présentes laissées')} telle${unchanged > 1 ? 's' : ''} quelle${unchanged > 1 ? 's' : ''}.`
      : result.dryRun || result.files.every((f) => f.created === 0)
        ? `Rien n’a été écrit${NBSP}: corrigez les fichiers puis relancez.`
        : `Import interrompu${NBSP}: relancez la même commande, elle reprend où elle s’est arrêtée (ce qui est écrit compte alors comme déjà importé).`,
  );
  return lines;
}

/** Runs the command; resolves the exit code. */
export async function runImportCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  io: { out: (line: string) => void; err: (line: string) => void; fetch?: typeof fetch; read?: (path: string) => Promise<string>; token?: (origin: string) => Promise<string> } = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  let command: ImportCommand;
  let origin: string;
  try {
    command = parseImportArgs(args);
    origin = originOf(env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`✖ ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help || command.folder === undefined) {
    io.out(USAGE);
    return 0;
  }
  const files = await readImportFolder(command.folder, io.read);
  const found = IMPORT_FILES.filter((kind) => files[kind] !== undefined);
  if (found.length === 0) {
    io.err(`✖ Aucun fichier à importer dans ${command.folder} (partners.csv, mentors.csv, mentees.csv, tandems.csv) / No file to import in that folder\n\n${USAGE}`);
    return 2;
  }
  io.out(`${command.dryRun ? 'Vérification' : 'Import'} de ${command.folder}${NBSP}: ${found.map((kind) => `${kind}.csv`).join(', ')}…`);

  let response: Response;
  try {
    const token = await (io.token ?? localAdminToken)(origin);
    response = await (io.fetch ?? fetch)(`${origin}${IMPORT_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': 'fr' },
      body: JSON.stringify({ dryRun: command.dryRun ?? false, files }),
      signal: AbortSignal.timeout(10 * 60_000),
    });
  } catch {
    io.err(`✖ ${hubDown(origin)}`);
    return 1;
  }
  const body = (await response.json().catch(() => undefined)) as (ImportResult & { error?: { message?: string } }) | undefined;
  if (!response.ok || !body || !Array.isArray(body.files)) {
    const detail = body?.error?.message ?? `HTTP ${response.status}`;
    io.err(`✖ L’import a été refusé / The import was refused: ${detail}`);
    return 1;
  }
  for (const line of describeResult(body)) io.out(line);
  return body.ok ? 0 : 1;
}

/** An ID token of the local CCI account for the hub at `origin` (as npm run token -- admin). */
async function localAdminToken(origin: string): Promise<string> {
  const { key } = await loadOrCreateIdentityKey(join(ROOT, '.local', IDENTITY_KEY_FILE));
  return signIdToken(key, OFFICER_ACCOUNT, { issuer: localIssuer(origin), audience: LOCAL_CLIENT_ID });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await runImportCommand(process.argv.slice(2), process.env);
