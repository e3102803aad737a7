/**
 * Starts the whole local hub (`infra/local/start.ts --in-memory`) as a child process on a free port,
 * for tests that need the real stack (handlers, DynamoDB Local, mail catcher, sign-up site).
 * The child runs in its own process group so `stop()` also ends what it started (DynamoDB Local's
 * JVM), and every step is awaited so a test file never leaves a server behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LocalRuntime {
  /** `http://localhost:<port>`, no trailing slash. */
  readonly baseUrl: string;
  /** Everything the runtime printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM to the runtime's process group, then waits for it to exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
}

export interface StartLocalRuntimeOptions {
  /** Extra command-line flags after `--in-memory` (e.g. `--demo`). */
  readonly args?: readonly string[];
  /** Extra environment variables; PORT is always set to a free port. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the `ready` line. @default 150_000 (DynamoDB Local's JVM starts slowly on 2 cores) */
  readonly readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. @default 15_000 */
  readonly stopTimeoutMs?: number;
}

/** A TCP port nobody listens on right now (asked from the OS, then released). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** True while any process of the group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGTERM to the group, waits for the whole group to be gone, escalates to SIGKILL on timeout. */
async function stopGroup(child: ChildProcess, timeoutMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  await exited;
  while (groupAlive(pid)) await sleep(50);
}

/**
 * Starts the runtime and resolves once it printed a line containing `ready`. Rejects (after
 * stopping the child) if it exits first or the timeout passes, with its output in the message.
 */
export async function startLocalRuntime(options: StartLocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const child = spawn('npx', ['--no', 'tsx', 'infra/local/start.ts', '--in-memory', ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(port), FORCE_COLOR: '0' },
    detached: true, // its own process group: stop() reaches the JVM it spawns too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const runtime: LocalRuntime = {
    baseUrl,
    output: () => output,
    stop: () => stopGroup(child, stopTimeoutMs),
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`local runtime not ready after ${options.readyTimeoutMs ?? 150_000} ms:\n${output}`)),
        options.readyTimeoutMs ?? 150_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.split('\n').some((line) => /\bready\b/i.test(line))) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`local runtime exited (${signal ?? code}) before ready:\n${output}`));
      });
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  return runtime;
}
