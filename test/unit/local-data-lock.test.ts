/** One hub per data folder: the lock is taken, refused with the running hub's port, taken over when stale, released. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderInUseError, LOCK_FILE_NAME, processAlive } from '../../infra/local/data-lock';

describe('data folder lock', () => {
  let dir: string;
  let lines: string[];
  const log = (line: string) => lines.push(line);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-lock-'));
    lines = [];
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is taken in a fresh folder (created if missing), holding pid and port, with no leftover files', async () => {
    // Arrange
    const folder = join(dir, '.local');

    // Act
    const lock = await acquireDataLock(folder, { port: 3000, pid: 4242, isAlive: () => true, log });

    // Assert
    expect(lock.file).toBe(join(folder, LOCK_FILE_NAME));
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({ pid: 4242, port: 3000 });
    expect(await readdir(folder)).toEqual([LOCK_FILE_NAME]);
    expect(lines).toEqual([]);
  });

  it('refuses a second hub while the first is alive, naming its port and suggesting --in-memory in French and English', async () => {
    // Arrange
    const first = await acquireDataLock(dir, { port: 3000, pid: 1111, isAlive: () => true, log, displayDir: '.local/' });

    // Act
    const second = acquireDataLock(dir, { port: 3000, pid: 2222, isAlive: (pid) => pid === 1111, log, displayDir: '.local/' });

    // Assert
    const error = await second.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFolderInUseError);
    const message = (error as Error).message;
    expect(message).toContain('http://localhost:3000');
    expect(message).toContain('Un hub Tandem utilise déjà le dossier de données .local/');
    expect(message).toContain('Another Tandem hub already uses the data folder .local/');
    expect(message).toContain('PORT=3001 npm start -- --in-memory');
    expect((error as DataFolderInUseError).holder).toMatchObject({ pid: 1111, port: 3000 });
    expect(JSON.parse(await readFile(first.file, 'utf8'))).toMatchObject({ pid: 1111 });
    expect(await readdir(dir)).toEqual([LOCK_FILE_NAME]);
  });

  it('suggests the port the second hub asked for when it differs from the running one', async () => {
    // Arrange
    await acquireDataLock(dir, { port: 3000, pid: 1111, isAlive: () => true, log });

    // Act
    const error = await acquireDataLock(dir, { port: 3122, pid: 2222, isAlive: () => true, log }).catch((e: unknown) => e);

    // Assert
    expect((error as Error).message).toContain('PORT=3122 npm start -- --in-memory');
    expect((error as Error).message).toContain('http://localhost:3000');
  });

  it('takes over a stale lock (its pid is gone) with a line saying so', async () => {
    // Arrange
    await writeFile(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 999_999, port: 3000, startedAt: '2026-01-01T00:00:00Z' }));

    // Act
    const lock = await acquireDataLock(dir, { port: 3005, pid: 2222, isAlive: () => false, log });

    // Assert
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({ pid: 2222, port: 3005 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Verrou périmé repris');
    expect(lines[0]).toContain('Stale lock taken over: hub pid 999999 (port 3000) is no longer running');
    expect(await readdir(dir)).toEqual([LOCK_FILE_NAME]);
  });

  it('treats a lock holding our own pid (a recycled pid after a container restart) or garbage as stale', async () => {
    // Arrange
    await writeFile(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 2222, port: 3000 }));

    // Act
    const own = await acquireDataLock(dir, { port: 3000, pid: 2222, isAlive: () => true, log });
    await own.release();
    await writeFile(join(dir, LOCK_FILE_NAME), 'not json');
    const afterGarbage = await acquireDataLock(dir, { port: 3000, pid: 3333, isAlive: () => true, log });

    // Assert
    expect(lines[0]).toContain('Stale lock taken over');
    expect(lines[1]).toContain('Unreadable lock replaced');
    expect(JSON.parse(await readFile(afterGarbage.file, 'utf8'))).toMatchObject({ pid: 3333 });
  });

  it('is released (asynchronously or synchronously), after which another hub takes it', async () => {
    // Arrange
    const first = await acquireDataLock(dir, { port: 3000, pid: 1111, isAlive: () => true, log });

    // Act
    await first.release();
    await first.release();
    const second = await acquireDataLock(dir, { port: 3001, pid: 2222, isAlive: () => true, log });
    second.releaseSync();
    second.releaseSync();

    // Assert
    expect(await readdir(dir)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('never removes a lock that is no longer its own', async () => {
    // Arrange
    const first = await acquireDataLock(dir, { port: 3000, pid: 1111, isAlive: () => false, log });
    const taker = await acquireDataLock(dir, { port: 3001, pid: 2222, isAlive: () => false, log });

    // Act
    await first.release();

    // Assert
    expect(JSON.parse(await readFile(taker.file, 'utf8'))).toMatchObject({ pid: 2222 });
  });

  it('lets only one of several hubs started at once take the folder', async () => {
    // Act
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((pid) => acquireDataLock(dir, { port: 3000 + pid, pid, isAlive: () => true, log })),
    );

    // Assert
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof DataFolderInUseError)).toHaveLength(4);
  });

  it('knows this process is alive and a finished one is not', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 1)).toBe(false);
  });
});
