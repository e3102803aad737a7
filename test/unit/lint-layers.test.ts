import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// The layer rules in eslint.config.js, checked the way CI meets them: a probe file with one import is
// planted in a layer's folder, ESLint lints that file only (fast), and the probe is always removed.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RULE = 'no-restricted-imports';

let eslint: ESLint;
const planted: string[] = [];

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

afterEach(async () => {
  await Promise.all(planted.splice(0).map((file) => rm(file, { force: true })));
});

/** Writes `import '<specifier>';` to a uniquely named probe in `folder` (repo-relative); returns its path. */
async function plant(folder: string, specifier: string, name = '__lint-probe'): Promise<string> {
  const file = path.join(ROOT, folder, `${name}-${randomBytes(6).toString('hex')}.ts`);
  planted.push(file);
  await writeFile(file, `import '${specifier}';\n`);
  return file;
}

async function restrictedImportMessages(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
}

const cases = [
  {
    rule: 'domain imports nothing outside domain and reference data',
    folder: 'shared/domain',
    forbidden: '../adapters/dynamodb/client',
    message: 'shared/domain may import only shared/domain and shared/reference',
    allowed: '../reference/communes',
  },
  {
    rule: 'use cases import no AWS SDK',
    folder: 'shared/use-cases',
    forbidden: '@aws-sdk/client-dynamodb',
    message: 'shared/use-cases may not import an AWS SDK (@aws-sdk/*)',
    allowed: '../domain/people',
  },
  {
    rule: 'use cases import no adapter',
    folder: 'shared/use-cases',
    forbidden: '../adapters/dynamodb/registration-store',
    message: 'shared/use-cases may not import shared/adapters',
    allowed: '../ports/registration-store',
  },
  {
    rule: 'shared never imports functions/',
    folder: 'shared/db',
    forbidden: '../../functions/commons/wiring',
    message: 'shared/ may not import functions/, infra/, test/ or scripts/',
    allowed: './keys',
  },
  {
    rule: 'a handler never imports synthetic data',
    folder: 'functions/http',
    forbidden: '../../shared/synthetic/generator',
    message: 'production code (shared/, functions/, infra/) may not import shared/synthetic',
    allowed: '../../shared/http/http-handler',
  },
  {
    rule: 'the HTTP chain imports no adapter',
    folder: 'shared/http',
    forbidden: '../adapters/dynamodb/client',
    message: 'shared/http (the HTTP middy chain and error mapper) may not import shared/adapters or @aws-sdk/*',
    allowed: './errors',
  },
];

describe('layer rules (eslint.config.js)', () => {
  describe.each(cases)('$rule', ({ folder, forbidden, message, allowed }) => {
    it(`reports ${forbidden} from ${folder}`, async () => {
      // Arrange
      const probe = await plant(folder, forbidden);

      // Act
      const messages = await restrictedImportMessages(probe);

      // Assert
      expect(messages).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
      expect(messages.every((m) => m.includes('Layer rule:'))).toBe(true);
    });

    it(`accepts ${allowed} from ${folder}`, async () => {
      // Arrange
      const probe = await plant(folder, allowed);

      // Act
      const messages = await restrictedImportMessages(probe);

      // Assert
      expect(messages).toEqual([]);
    });
  });

  it('lets the local demo seed, and only it, import synthetic data from infra/', async () => {
    // Arrange
    const seedLike = await plant('infra/local', '../../shared/synthetic/generator');

    // Act
    const messages = await restrictedImportMessages(seedLike);
    const [seed] = await eslint.lintFiles([path.join(ROOT, 'infra/local/demo-seed.ts')]);

    // Assert
    expect(messages).toEqual([expect.stringContaining('may not import shared/synthetic')]);
    expect(seed?.messages.filter((m) => m.ruleId === RULE)).toEqual([]);
  });

  it('fails the eslint command, as CI runs it, on a planted violation', async () => {
    // Arrange
    const probe = await plant('shared/domain', '@aws-sdk/client-dynamodb');

    // Act
    const run = spawnSync('npx', ['eslint', path.relative(ROOT, probe)], { cwd: ROOT, encoding: 'utf8' });

    // Assert
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stdout).toContain(RULE);
    expect(run.stdout).toContain('shared/domain may import only the packages zod and node:*');
  }, 60_000);
});
