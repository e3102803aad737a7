/**
 * One hub per data folder. `npm start` keeps its data in `.local/`; two hubs on the same folder
 * would run two DynamoDB Local processes on the same `-dbPath` and silently corrupt each other.
 * The first hub writes `hub.lock` (its pid and HTTP port) into the folder, atomically and only if
 * no such file exists; a second hub reads it and refuses, naming the port of the running one. A
 * lock whose pid is no longer alive (the hub was killed) is taken over, with a line saying so.
 * `--in-memory` uses no folder and takes no lock.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const LOCK_FILE_NAME = 'hub.lock';

/** What the lock file holds. */
export interface LockHolder {
  pid: number;
  port: number;
  startedAt: string;
}

export interface DataLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): Promise<void>;
  /** The same, synchronously: for `process.on('exit')`, where nothing asynchronous runs. */
  releaseSync(): void;
}

export interface AcquireDataLockOptions {
  /** The HTTP port this hub serves, written into the lock for the message of a second hub. */
  port: number;
  /** @default process.pid */
  pid?: number;
  /** Whether a process is alive. @default signal 0 (an existing process of another user counts as alive) */
  isAlive?: (pid: number) => boolean;
  log?: (line: string) => void;
  /** How the folder is named in messages. @default the folder relative to the working directory */
  displayDir?: string;
}

/** Raised when another live hub holds the folder; the message says so in French and English. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly dir: string,
    requestedPort: number,
  ) {
    const url = `http://localhost:${holder.port}`;
    const suggested = requestedPort !== holder.port ? requestedPort : holder.port + 1;
    super(
      `Un hub Tandem utilise déjà le dossier de données ${dir} (pid ${holder.pid}) : il répond sur ${url}. ` +
        `Arrêtez-le (Ctrl-C dans son terminal), ou lancez celui-ci sans dossier : PORT=${suggested} npm start -- --in-memory\n` +
        `  Another Tandem hub already uses the data folder ${dir} (pid ${holder.pid}): it answers on ${url}. ` +
        `Stop it (Ctrl-C in its terminal), or start this one without a folder: PORT=${suggested} npm start -- --in-memory`,
    );
    this.name = 'DataFolderInUseError';
  }
}

/** Signal 0 tests for existence: ESRCH means gone, EPERM means alive but someone else's. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (Number.isInteger(value.pid) && (value.pid as number) > 0 && Number.isInteger(value.port)) {
      return { pid: value.pid!, port: value.port!, startedAt: String(value.startedAt ?? '') };
    }
  } catch {
    /* not JSON: treated as stale below */
  }
  return undefined;
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

async function readRaw(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes the lock on `dir` (created if missing) or throws DataFolderInUseError. The file appears
 * complete or not at all: it is written aside, then hard-linked into place (fails if it exists).
 */
export async function acquireDataLock(dir: string, options: AcquireDataLockOptions): Promise<DataLock> {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processAlive;
  const log = options.log ?? ((line: string) => console.log(line));
  const shown = options.displayDir ?? (relative(process.cwd(), dir) || '.') + '/';
  const file = join(dir, LOCK_FILE_NAME);
  const mine = `${JSON.stringify({ pid, port: options.port, startedAt: new Date().toISOString() } satisfies LockHolder)}\n`;

  await mkdir(dir, { recursive: true });
  const draft = join(dir, `${LOCK_FILE_NAME}.${pid}.${process.hrtime.bigint()}.tmp`);
  await writeFile(draft, mine, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        await link(draft, file);
        return lockHandle(file, mine);
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw error;
      }
      const raw = await readRaw(file);
      if (raw === undefined) continue; // released meanwhile: try again
      const holder = parseHolder(raw);
      // A pid equal to ours is a previous run in a recycled pid namespace (a restarted container): stale.
      if (holder && holder.pid !== pid && isAlive(holder.pid)) throw new DataFolderInUseError(holder, shown, options.port);

      // Stale: move it aside (only one contender wins the rename), check it is the file we judged.
      const aside = `${file}.${pid}.stale`;
      try {
        await rename(file, aside);
      } catch (error) {
        if (errno(error) === 'ENOENT') continue;
        throw error;
      }
      const moved = await readRaw(aside);
      if (moved !== raw) {
        // Another hub took the stale lock over between our read and our rename: give it back.
        await link(aside, file).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
        continue;
      }
      await unlink(aside).catch(() => undefined);
      log(
        holder
          ? `Verrou périmé repris : le hub pid ${holder.pid} (port ${holder.port}) ne tourne plus / ` +
              `Stale lock taken over: hub pid ${holder.pid} (port ${holder.port}) is no longer running (${shown}${LOCK_FILE_NAME})`
          : `Verrou illisible remplacé / Unreadable lock replaced (${shown}${LOCK_FILE_NAME})`,
      );
    }
    throw new Error(`Impossible de prendre le verrou / Could not take the lock: ${file}`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function lockHandle(file: string, mine: string): DataLock {
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      if ((await readRaw(file).catch(() => undefined)) === mine) await unlink(file).catch(() => undefined);
    },
    releaseSync() {
      if (released) return;
      released = true;
      try {
        if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
      } catch {
        /* already gone */
      }
    },
  };
}
