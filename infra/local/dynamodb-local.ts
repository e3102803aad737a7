/**
 * DynamoDB Local, the official emulator (it enforces conditions and transactions, unlike pure-Node
 * emulators). Its jar ships inside the npm package `amplify-dynamodb-simulator`, which is not a
 * dependency (it weighs 350 MB installed): on first use only its tarball is fetched, checked against
 * the pinned integrity and reduced to `package/emulator/` in a cache outside the repository.
 * Used by `npm start` and by the integration tests' global setup.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  ScanCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { extract } from 'tar';
import { TABLE, createTableInput } from '../../shared/db/table';
import { findFreePort } from './free-port';

/** The one pinned emulator build. Bump all three fields together (`npm view <name>@<version> dist`). */
export const DYNAMODB_LOCAL_PACKAGE = {
  name: 'amplify-dynamodb-simulator',
  version: '2.9.30',
  integrity: 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==',
} as const;

/** Region and dummy credentials: DynamoDB Local accepts any, `-sharedDb` makes them irrelevant. */
export const LOCAL_AWS = { region: 'eu-west-3', accessKeyId: 'local', secretAccessKey: 'local' } as const;

type Log = (line: string) => void;

/** Raised when `java` cannot be run: the message says what to install, in French and English. */
export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java 17 est introuvable : installez un JRE 17 (ex. `apt-get install openjdk-17-jre-headless`) pour DynamoDB Local. / ' +
        'Java 17 not found: install a Java 17 runtime (e.g. `apt-get install openjdk-17-jre-headless`) to run DynamoDB Local.',
    );
    this.name = 'JavaMissingError';
  }
}

/** `$TANDEM_CACHE_DIR`, else `$XDG_CACHE_HOME/tandem`, else `~/.cache/tandem`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TANDEM_CACHE_DIR) return env.TANDEM_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tandem');
}

/** Throws {@link JavaMissingError} unless `java -version` runs. */
export function assertJavaAvailable(): void {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (result.error || result.status !== 0) throw new JavaMissingError();
}

/** `sha512-<base64>` of a file, the format of npm's `dist.integrity`. */
export async function fileIntegrity(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

function npmPack(spec: string, destination: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const windows = process.platform === 'win32';
    const child = spawn(windows ? 'npm.cmd' : 'npm', ['pack', spec, '--pack-destination', destination, '--ignore-scripts', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: windows,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`npm pack ${spec} failed (exit ${code}): ${stderr.trim().slice(-500)}`));
      try {
        const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
        if (!packed) throw new Error('empty output');
        resolve(join(destination, packed.filename));
      } catch (error) {
        reject(new Error(`npm pack ${spec}: unreadable output (${(error as Error).message})`));
      }
    });
  });
}

export interface InstallOptions {
  /** @default {@link defaultCacheDir} */
  cacheDir?: string;
  log?: Log;
  /** @default {@link DYNAMODB_LOCAL_PACKAGE} */
  pin?: { name: string; version: string; integrity: string };
  /** Downloads `name@version` into a folder and resolves the tarball's path. @default `npm pack` */
  pack?: (spec: string, destination: string) => Promise<string>;
}

/**
 * Makes sure the pinned DynamoDB Local is in the cache and returns its folder (DynamoDBLocal.jar +
 * DynamoDBLocal_lib). Downloads once through `npm pack` (so the user's registry and proxy settings
 * apply), refuses a tarball whose sha512 differs from the pin, and publishes the folder with one
 * atomic rename so concurrent first runs cannot see a half-extracted copy.
 */
export async function ensureDynamoDbLocalInstalled(options: InstallOptions = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  const pin = options.pin ?? DYNAMODB_LOCAL_PACKAGE;
  const pack = options.pack ?? npmPack;
  const root = join(options.cacheDir ?? defaultCacheDir(), 'dynamodb-local');
  const target = join(root, pin.version);
  if (existsSync(join(target, 'DynamoDBLocal.jar'))) return target;

  await mkdir(root, { recursive: true });
  const staging = join(root, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  const heartbeat = setInterval(() => log('  … / still downloading…'), 10_000);
  try {
    log('Téléchargement de DynamoDB Local (56 Mo, une seule fois)… / Downloading DynamoDB Local (56 MB, once)…');
    const { name, version, integrity } = pin;
    const tarball = await pack(`${name}@${version}`, staging);
    const actual = await fileIntegrity(tarball);
    if (actual !== integrity) {
      throw new Error(`Integrity mismatch for ${name}@${version}: expected ${integrity}, got ${actual}. Nothing was installed.`);
    }
    const unpacked = join(staging, 'emulator');
    await mkdir(unpacked);
    await extract({ file: tarball, cwd: unpacked, strip: 2, filter: (path) => path.startsWith('package/emulator/') });
    if (!existsSync(join(unpacked, 'DynamoDBLocal.jar'))) throw new Error(`${name}@${version} has no emulator/DynamoDBLocal.jar`);
    try {
      await rename(unpacked, target);
    } catch (error) {
      // Another process published it first: theirs is as good as ours.
      if (!existsSync(join(target, 'DynamoDBLocal.jar'))) throw error;
    }
    log(`DynamoDB Local ${version} → ${target}`);
    return target;
  } finally {
    clearInterval(heartbeat);
    await rm(staging, { recursive: true, force: true });
  }
}

/** A DynamoDB client for DynamoDB Local, with the fixed region and dummy credentials. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS.region,
    credentials: { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey },
    maxAttempts: 1,
  });
}

export interface DynamoDbLocalOptions {
  /** Folder for the database file (`-dbPath`); created if missing. Ignored with `inMemory`. */
  dataDir?: string;
  /** Keep nothing (`-inMemory`). The default when no `dataDir` is given. */
  inMemory?: boolean;
  /** @default a free port picked by the OS */
  port?: number;
  /** @default {@link defaultCacheDir} */
  cacheDir?: string;
  /** Progress lines (download, start). @default silent */
  log?: Log;
  /** @default 60 000 ms */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops the java process (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

const PARENT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Kills the child when this process ends: on `exit` (normal end, `process.exit`, crash) and on a
 * termination signal nobody else handles, which is then re-raised so the parent's default
 * behaviour (terminate) is unchanged. A parent that handles the signal itself is expected to call
 * `stop()` (and the `exit` hook still covers it).
 */
function tieChildToParent(child: ChildProcess): () => void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    kill();
    untie();
    process.kill(process.pid, signal);
  };
  const untie = () => {
    process.off('exit', kill);
    for (const signal of PARENT_SIGNALS) process.off(signal, onSignal);
  };
  process.on('exit', kill);
  for (const signal of PARENT_SIGNALS) process.on(signal, onSignal);
  return untie;
}

/** Polls ListTables until DynamoDB Local answers, the process dies, or the timeout passes. */
async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local exited during start (${child.exitCode ?? child.signalCode}): ${output().slice(-800)}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * Starts DynamoDB Local on the loopback port given (or a free one) and resolves when it answers.
 * The java process is tied to this one: it dies on exit, crash, Ctrl-C or SIGTERM.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const emulatorDir = await ensureDynamoDbLocalInstalled({
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const port = options.port ?? (await findFreePort());
  const storage = options.inMemory || !options.dataDir ? ['-inMemory'] : ['-dbPath', options.dataDir];
  if (storage[0] === '-dbPath' && options.dataDir) await mkdir(options.dataDir, { recursive: true });

  const args = [
    `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(emulatorDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...storage,
  ];
  const child = spawn('java', args, { cwd: emulatorDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const spawnError = new Promise<never>((_, reject) => child.once('error', (error) => reject(error)));
  spawnError.catch(() => undefined);
  const untie = tieChildToParent(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    untie();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    await Promise.race([spawnError, waitUntilReady(endpoint, child, () => output, options.startTimeoutMs ?? 60_000)]);
  } catch (error) {
    await stop();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new JavaMissingError();
    throw error;
  }
  options.log?.(`DynamoDB Local → ${endpoint}`);
  return { endpoint, port, stop };
}

/**
 * Creates the single table from `createTableInput()` unless it exists, and turns on TTL for parity
 * with AWS (ignored where the emulator does not support it). Resolves `true` when it created it.
 */
/**
 * Makes sure the local table exists with the current definition (shared/db/table.ts). A table
 * created by an older version of the code (no stream, other index projections) is rebuilt with
 * its items, so `.local/` data survives an upgrade. Resolves what it did.
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'exists' | 'rebuilt'> {
  const client = localDynamoDbClient(endpoint);
  const wanted = createTableInput(tableName);
  try {
    let items: Record<string, AttributeValue>[] | undefined;
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (tableMatches(Table, wanted)) return 'exists';
      items = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        // The one Scan of the project: an offline migration of the developer's own local table.
        const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await client.send(new CreateTableCommand(wanted));
    try {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        }),
      );
    } catch {
      // TTL is cosmetic locally: DynamoDB Local may not support or honour it.
    }
    if (!items) return 'created';
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
    return 'rebuilt';
  } finally {
    client.destroy();
  }
}

/** Whether an existing table has the stream and index projections of the current definition. */
function tableMatches(table: TableDescription | undefined, wanted: ReturnType<typeof createTableInput>): boolean {
  if (!table) return false;
  const stream = table.StreamSpecification;
  if (!stream?.StreamEnabled || stream.StreamViewType !== wanted.StreamSpecification?.StreamViewType) return false;
  const projection = (p: { ProjectionType?: string; NonKeyAttributes?: string[] } | undefined) =>
    `${p?.ProjectionType}:${[...(p?.NonKeyAttributes ?? [])].sort().join(',')}`;
  const have = new Map((table.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, projection(i.Projection)]));
  return (wanted.GlobalSecondaryIndexes ?? []).every((i) => have.get(i.IndexName) === projection(i.Projection));
}
