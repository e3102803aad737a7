/**
 * `npm run import` (scripts/import.ts) with the hub's answer, the files and the token injected:
 * the arguments, the request it sends (the folder's files, the mode, the CCI's token), a line per
 * file, every problem and the French summary, and the exit codes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/domain/report-schemas';
import { parseImportArgs, runImportCommand } from '../../scripts/import';

const FOLDER = '/data/programme';

function harness(answer: { status: number; body: unknown } | 'down', present: Record<string, string> = { partners: 'external_id,name,kind,postal_code,contact_email\n' }) {
  const out: string[] = [];
  const err: string[] = [];
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const io = {
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
    token: async () => 'token-1',
    read: async (path: string) => {
      const kind = Object.keys(present).find((k) => path === join(FOLDER, `${k}.csv`));
      if (kind === undefined) throw Object.assign(new Error('absent'), { code: 'ENOENT' });
      return present[kind]!;
    },
    fetch: (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      if (answer === 'down') throw new TypeError('fetch failed');
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch,
  };
  return { io, out, err, requests };
}

const ok: ImportResult = {
  dryRun: false,
  ok: true,
  files: [
    { file: 'partners.csv', rows: 3, created: 2, unchanged: 1, written: true },
    { file: 'mentors.csv', rows: 8, created: 8, unchanged: 0, written: true },
  ],
  problems: [],
};

describe('npm run import', () => {
  it('reads a folder and --dry-run; refuses no folder, two folders or an unknown option', () => {
    expect(parseImportArgs([FOLDER, '--dry-run'])).toEqual({ help: false, folder: FOLDER, dryRun: true });
    expect(parseImportArgs([FOLDER])).toEqual({ help: false, folder: FOLDER, dryRun: false });
    expect(() => parseImportArgs([])).toThrow(/Quel dossier/);
    expect(() => parseImportArgs(['a', 'b'])).toThrow(/Un seul dossier/);
    expect(() => parseImportArgs([FOLDER, '--force'])).toThrow(/Option inconnue/);
  });

  it('sends the folder’s files with the CCI’s token and prints a line per file and the summary: exit 0', async () => {
    const h = harness({ status: 200, body: ok }, { partners: 'p', mentors: 'm' });
    expect(await runImportCommand([FOLDER], { PORT: '3100' }, h.io)).toBe(0);
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]!.url).toBe('http://localhost:3100/api/admin/imports');
    expect(h.requests[0]!.init.headers).toMatchObject({ authorization: 'Bearer token-1', 'content-type': 'application/json' });
    expect(JSON.parse(String(h.requests[0]!.init.body))).toEqual({ dryRun: false, files: { partners: 'p', mentors: 'm' } });
    expect(h.out).toEqual([
      'Import de /data/programme\u00a0: partners.csv, mentors.csv…',
      '✓ partners.csv\u00a0: 3\u00a0lignes, 2\u00a0créées, 1\u00a0déjà importée — écrit',
      '✓ mentors.csv\u00a0: 8\u00a0lignes, 8\u00a0créées, 0\u00a0déjà importée — écrit',
      '',
      'Import réussi\u00a0: 10\u00a0lignes importées, 1\u00a0déjà présente laissée telle quelle.',
    ]);
  });

  it('prints every problem by file, line and column and exits 1; nothing written says so', async () => {
    const result: ImportResult = {
      dryRun: true,
      ok: false,
      files: [{ file: 'mentors.csv', rows: 8, created: 7, unchanged: 0, written: false }],
      problems: [{ file: 'mentors.csv', line: 3, column: 'joined_on', code: 'bad_date', message: 'date invalide' }],
    };
    const h = harness({ status: 200, body: result });
    expect(await runImportCommand([FOLDER, '--dry-run'], {}, h.io)).toBe(1);
    expect(JSON.parse(String(h.requests[0]!.init.body))).toMatchObject({ dryRun: true });
    expect(h.out.slice(1)).toEqual([
      '✗ mentors.csv\u00a0: 8\u00a0lignes, 7\u00a0à créer, 0\u00a0déjà importée — vérifié',
      '',
      '1\u00a0problème\u00a0:',
      '  mentors.csv, ligne 3, colonne joined_on\u00a0: date invalide',
      '',
      'Rien n’a été écrit\u00a0: corrigez les fichiers puis relancez.',
    ]);
  });

  it('exits 1 when the hub does not answer or refuses, 2 on an empty folder', async () => {
    const down = harness('down');
    expect(await runImportCommand([FOLDER], {}, down.io)).toBe(1);
    expect(down.err.join('\n')).toMatch(/npm start/);
    const refused = harness({ status: 403, body: { error: { code: 'forbidden', message: 'Forbidden' } } });
    expect(await runImportCommand([FOLDER], {}, refused.io)).toBe(1);
    expect(refused.err.join('\n')).toMatch(/refusé.*Forbidden/);
    const empty = harness({ status: 200, body: ok }, {});
    expect(await runImportCommand([FOLDER], {}, empty.io)).toBe(2);
    expect(empty.requests).toEqual([]);
  });
});
