/**
 * Signing-key adapters. On AWS the key is a Secrets Manager secret read through Powertools
 * Parameters (cached for 5 minutes, so a rotation is picked up without a redeploy); locally it is a
 * random key generated once under .local/.
 */
import { readFile } from 'node:fs/promises';
import type { SigningConfig } from '../../config/runtime-config';
import type { SigningKeyProvider } from '../../ports/signing-key';

const MIN_KEY_BYTES = 32;

function decodeKey(value: string): Uint8Array {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.byteLength < MIN_KEY_BYTES) throw new Error(`Signing key shorter than ${MIN_KEY_BYTES} bytes`);
  return new Uint8Array(key);
}

export function secretsManagerSigningKey(secretArn: string): SigningKeyProvider {
  return {
    async getKey() {
      const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
      const value = await getSecret<string>(secretArn, { maxAge: 300 });
      if (typeof value !== 'string') throw new Error('Signing secret is not a string');
      return decodeKey(value);
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
