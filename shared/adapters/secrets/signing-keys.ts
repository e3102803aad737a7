/**
 * Signing-key adapters. On AWS the keys are the versions of one Secrets Manager secret (cached for
 * 5 minutes, so a rotation is picked up without a redeploy): `AWSCURRENT` signs, `AWSPREVIOUS`
 * also verifies. Locally they are files under .local/: `signing-key` (generated once) and an
 * optional `signing-key.previous` beside it. Read failures leave as ServiceUnavailableError.
 * Rotation procedure: docs/infrastructure.md, "Link-signing key rotation".
 */
import { readFile } from 'node:fs/promises';
import type { SigningConfig } from '../../config/runtime-config';
import { DependencyRejectedError, ServiceUnavailableError } from '../../domain/errors';
import { callAwsJson, endpointOf, type AwsCallTarget } from '../aws-fetch';
import type { SigningKeyProvider, SigningKeys } from '../../ports/signing-key';

const MIN_KEY_BYTES = 32;

function decodeKey(value: string): Uint8Array {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.byteLength < MIN_KEY_BYTES) throw new Error(`Signing key shorter than ${MIN_KEY_BYTES} bytes`);
  return new Uint8Array(key);
}

/** Seconds a key read from Secrets Manager is reused, so a rotation is picked up without a redeploy. */
export const SECRET_CACHE_SECONDS = 300;

/**
 * Seconds a new `AWSCURRENT` version only verifies before it signs: by then every function has
 * dropped the keys it cached before the rotation (SECRET_CACHE_SECONDS, plus a minute for reads in
 * flight and clock skew), so no function is handed a link signed with a key it does not know yet.
 */
export const NEW_KEY_DELAY_SECONDS = SECRET_CACHE_SECONDS + 60;

interface SecretVersion {
  key: Uint8Array;
  /** Epoch milliseconds (`CreatedDate` of the version), when Secrets Manager says. */
  createdAt?: number;
}

/**
 * Which version signs: `AWSCURRENT`, unless it is younger than NEW_KEY_DELAY_SECONDS and an
 * `AWSPREVIOUS` exists — then the previous one keeps signing and the new one only verifies.
 */
export function arrangeKeys(current: SecretVersion, previous: SecretVersion | undefined, now: number): SigningKeys {
  if (!previous) return { current: current.key };
  const isNew = current.createdAt !== undefined && now - current.createdAt < NEW_KEY_DELAY_SECONDS * 1000;
  return isNew ? { current: previous.key, previous: current.key } : { current: current.key, previous: previous.key };
}

/**
 * Secrets Manager `GetSecretValue` (JSON 1.1), signed by aws-fetch.ts: `AWSCURRENT` and
 * `AWSPREVIOUS` (absent → no previous key) read together, cached for SECRET_CACHE_SECONDS.
 */
export function secretsManagerSigningKey(secretArn: string, target: Omit<AwsCallTarget, 'service'> = {}, now: () => number = Date.now): SigningKeyProvider {
  const secrets = { ...target, service: 'secretsmanager' };
  const read = (versionStage?: 'AWSPREVIOUS'): Promise<SecretVersion> =>
    callAwsJson(secrets, `${endpointOf(secrets, 'secretsmanager')}/`, { SecretId: secretArn, ...(versionStage ? { VersionStage: versionStage } : {}) }, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
    }).then((answer) => {
      const { SecretString: value, CreatedDate: created } = answer as { SecretString?: unknown; CreatedDate?: unknown };
      if (typeof value !== 'string') throw new Error('Signing secret is not a string');
      // JSON 1.1 timestamps are epoch seconds.
      return { key: decodeKey(value), ...(typeof created === 'number' && Number.isFinite(created) ? { createdAt: created * 1000 } : {}) };
    });
  const readPrevious = () =>
    read('AWSPREVIOUS').catch((error: unknown) => {
      // A secret with one version has no AWSPREVIOUS label: Secrets Manager answers ResourceNotFoundException.
      if (error instanceof DependencyRejectedError && error.reason === 'ResourceNotFoundException') return undefined;
      throw error;
    });
  let cached: { keys: Promise<SigningKeys>; until: number } | undefined;
  return {
    getKeys() {
      if (cached && cached.until > now()) return cached.keys;
      const at = now();
      const keys = Promise.all([read(), readPrevious()]).then(([current, previous]) => arrangeKeys(current, previous, at));
      cached = { keys, until: at + SECRET_CACHE_SECONDS * 1000 };
      keys.catch(() => (cached = undefined));
      return keys;
    },
  };
}

async function readKeyFile(file: string): Promise<Uint8Array> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new ServiceUnavailableError('signing key file unreadable', { cause: error });
  });
  return decodeKey(text);
}

/** The key of `file`, or undefined when there is no such file. */
function readOptionalKeyFile(file: string): Promise<Uint8Array | undefined> {
  return readKeyFile(file).catch((error: unknown) => {
    if (error instanceof ServiceUnavailableError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw error;
  });
}

/**
 * The local keys: `file` signs, `<file>.previous` (optional) also verifies. Read once per process
 * (a failed read is not kept), so a local rotation takes a restart.
 */
export function fileSigningKey(file: string): SigningKeyProvider {
  let cached: Promise<SigningKeys> | undefined;
  return {
    getKeys() {
      if (cached) return cached;
      const keys = Promise.all([readKeyFile(file), readOptionalKeyFile(`${file}.previous`)]).then(([current, previous]) => ({
        current,
        ...(previous ? { previous } : {}),
      }));
      cached = keys;
      keys.catch(() => (cached = undefined));
      return keys;
    },
  };
}

export function signingKeyFromConfig(config: SigningConfig): SigningKeyProvider {
  return config.source === 'secrets-manager' ? secretsManagerSigningKey(config.secretArn) : fileSigningKey(config.file);
}
