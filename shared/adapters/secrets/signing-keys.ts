/**
 * Signing-key adapters. On AWS the key is a Secrets Manager secret (cached for 5 minutes, so a
 * rotation is picked up without a redeploy); locally it is a random key generated once under .local/.
 */
import { readFile } from 'node:fs/promises';
import type { SigningConfig } from '../../config/runtime-config';
import { callAwsJson, endpointOf, type AwsCallTarget } from '../aws-fetch';
import type { SigningKeyProvider } from '../../ports/signing-key';

const MIN_KEY_BYTES = 32;

function decodeKey(value: string): Uint8Array {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.byteLength < MIN_KEY_BYTES) throw new Error(`Signing key shorter than ${MIN_KEY_BYTES} bytes`);
  return new Uint8Array(key);
}

/** Seconds a key read from Secrets Manager is reused, so a rotation is picked up without a redeploy. */
export const SECRET_CACHE_SECONDS = 300;

/** Secrets Manager `GetSecretValue` (JSON 1.1), signed by aws-fetch.ts, cached for SECRET_CACHE_SECONDS. */
export function secretsManagerSigningKey(secretArn: string, target: Omit<AwsCallTarget, 'service'> = {}, now: () => number = Date.now): SigningKeyProvider {
  const secrets = { ...target, service: 'secretsmanager' };
  let cached: { key: Promise<Uint8Array>; until: number } | undefined;
  return {
    getKey() {
      if (cached && cached.until > now()) return cached.key;
      const key = callAwsJson(secrets, `${endpointOf(secrets, 'secretsmanager')}/`, { SecretId: secretArn }, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      }).then((answer) => {
        const value = (answer as { SecretString?: unknown }).SecretString;
        if (typeof value !== 'string') throw new Error('Signing secret is not a string');
        return decodeKey(value);
      });
      cached = { key, until: now() + SECRET_CACHE_SECONDS * 1000 };
      key.catch(() => (cached = undefined));
      return key;
    },
  };
}

export function fileSigningKey(file: string): SigningKeyProvider {
  let cached: Promise<Uint8Array> | undefined;
  return {
    getKey() {
      cached ??= readFile(file, 'utf8').then(decodeKey);
      return cached;
    },
  };
}

export function signingKeyFromConfig(config: SigningConfig): SigningKeyProvider {
  return config.source === 'secrets-manager' ? secretsManagerSigningKey(config.secretArn) : fileSigningKey(config.file);
}
