/**
 * Imports an existing programme from CSV files (POST /api/admin/imports, `npm run import`;
 * docs/import/README.md). Input: the files' texts (any of partners, mentors, mentees, tandems) and
 * `dryRun` (default true). Output: an ImportResult — per file the rows read, created and left
 * unchanged, whether it was written, and every problem by file, line and column, in French.
 *
 * Course: read and check each file (shared/import/rows.ts), look up what earlier imports wrote
 * (by the deterministic ids of shared/import/ids.ts) and the addresses already claimed, plan every
 * file (plan.ts). A dry run, or a run with any problem, stops there: nothing is written. Otherwise
 * the files are written in order, each batch (≤ 100 writes) all or nothing; a batch refused because
 * the hub changed meanwhile stops the import with a `write_conflict` problem — the batches before
 * it stay, and running the same import again completes it (what is there is `unchanged`).
 * Imported people are already verified; no mail is sent and no matching is started.
 * Logs carry counts only (rows, problems by code, capacity units), never a name or an address.
 */
import type { Person, Role } from '../../domain/people';
import type { ImportProblem, ImportResult } from '../../domain/report-schemas';
import { parisDay } from '../../domain/report-period';
import { problem } from '../../import/messages';
import { lookupsOf, parseImport, planImport, type ImportFiles } from '../../import/plan';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { ImportStore } from '../../ports/import-store';

export interface ImportProgrammeRequest {
  files: ImportFiles;
  /** Check only (default true). */
  dryRun?: boolean;
}

export interface ImportProgrammeDeps {
  store: ImportStore;
  clock: Clock;
}

export function makeImportProgramme({ store, clock }: ImportProgrammeDeps) {
  return async function importProgramme(request: ImportProgrammeRequest): Promise<ImportResult> {
    const dryRun = request.dryRun ?? true;
    const now = clock.now();
    // The store lives as long as the container: this import's share of its running total.
    const capacityBefore = store.consumedCapacity();
    const parsed = parseImport(request.files, parisDay(now));
    const wanted = lookupsOf(parsed);
    const [partners, mentors, mentees, tandems, mentorClaims, menteeClaims] = await Promise.all([
      store.getPartners(wanted.partnerIds),
      store.getPeople('mentor', wanted.mentorIds),
      store.getPeople('mentee', wanted.menteeIds),
      store.getTandems(wanted.tandemIds),
      store.getEmailClaims('mentor', wanted.emailHashes.mentor),
      store.getEmailClaims('mentee', wanted.emailHashes.mentee),
    ]);
    const plan = planImport(
      parsed,
      {
        partners,
        mentors: ofRole(mentors, 'mentor'),
        mentees: ofRole(mentees, 'mentee'),
        tandems,
        emailClaims: { mentor: mentorClaims, mentee: menteeClaims },
      },
      now,
    );

    const problems: ImportProblem[] = [...plan.problems];
    const write = !dryRun && problems.length === 0;
    const files: ImportResult['files'] = [];
    let stopped = false;
    for (const file of plan.files) {
      if (!write) {
        files.push({ file: file.file, rows: file.rows, created: dryRun ? file.created : 0, unchanged: file.unchanged, written: false });
        continue;
      }
      // After a refused batch, later files are not written: they may refer to its rows.
      let created = 0;
      for (const batch of file.batches) {
        if (stopped) break;
        const outcome = await store.write(batch.writes);
        if (!outcome.ok) {
          problems.push(problem(file.file, batch.line, undefined, 'write_conflict', {}));
          stopped = true;
          break;
        }
        created += batch.rows;
      }
      files.push({ file: file.file, rows: file.rows, created, unchanged: file.unchanged, written: !stopped });
    }

    const result: ImportResult = { dryRun, ok: problems.length === 0, files, problems };
    logger.info('Programme import', {
      dryRun,
      ok: result.ok,
      files: files.map((f) => ({ file: f.file, rows: f.rows, created: f.created, unchanged: f.unchanged, written: f.written })),
      problems: countBy(problems.map((p) => p.code)),
      consumedCapacity: store.consumedCapacity() - capacityBefore,
    });
    return result;
  };
}
export type ImportProgramme = ReturnType<typeof makeImportProgramme>;

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** The people of a role among those read. */
function ofRole<R extends Role>(people: ReadonlyMap<string, Person>, role: R): Map<string, Extract<Person, { role: R }>> {
  const found = new Map<string, Extract<Person, { role: R }>>();
  for (const [id, person] of people) if (person.role === role) found.set(id, person as Extract<Person, { role: R }>);
  return found;
}
