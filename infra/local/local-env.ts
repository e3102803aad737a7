/**
 * The environment the handlers read locally: the same variable names as in AWS (shared/config/env.ts),
 * pointed at DynamoDB Local, the mail catcher and a signing key file kept under `.local/`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConfigGroup } from '../../shared/config/capabilities';
import { ENV } from '../../shared/config/env';
import { DEFAULT_OPERATOR } from '../config/stages';
import { LOCAL_AWS } from './dynamodb-local';

export const LOCAL_TABLE_NAME = 'tandem-local';

export interface LocalEnvInput {
  dynamoDbEndpoint: string;
  siteUrl: string;
  smtpHost: string;
  smtpPort: number;
  signingKeyFile: string;
  tableName?: string;
}

/**
 * The capability registry, local side: the values of each configuration group on this machine.
 * Typed as a complete record over `ConfigGroup`, so a new group does not compile until its local
 * value exists (see shared/config/capabilities.ts). Every handler of the local runtime shares one
 * process environment, so all groups are set at once.
 */
export const LOCAL_CONFIG: { readonly [G in ConfigGroup]: (input: LocalEnvInput) => Record<string, string> } = {
  table: (input) => ({
    [ENV.stage]: 'local',
    [ENV.tableName]: input.tableName ?? LOCAL_TABLE_NAME,
    [ENV.dynamoDbEndpoint]: input.dynamoDbEndpoint,
  }),
  mail: (input) => ({
    [ENV.siteUrl]: input.siteUrl,
    [ENV.mailTransport]: 'smtp',
    [ENV.mailFrom]: 'Tandem CCI <no-reply@tandem.local>',
    [ENV.smtpHost]: input.smtpHost,
    [ENV.smtpPort]: String(input.smtpPort),
    // The default stages' operator, so local mails look like the real ones.
    [ENV.mailOperatorName]: DEFAULT_OPERATOR.name,
    [ENV.mailContactEmail]: DEFAULT_OPERATOR.contactEmail,
    [ENV.mailPostalAddress]: DEFAULT_OPERATOR.postalAddress,
  }),
  signing: (input) => ({
    [ENV.signingKeySource]: 'file',
    [ENV.signingKeyFile]: input.signingKeyFile,
  }),
};

/** Variables the local runtime sets; AWS credentials and region only fill in what the user left unset. */
export function buildLocalEnv(input: LocalEnvInput, current: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    ...Object.assign({}, ...Object.values(LOCAL_CONFIG).map((values) => values(input))),
    AWS_REGION: current.AWS_REGION || LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: current.AWS_ACCESS_KEY_ID || LOCAL_AWS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: current.AWS_SECRET_ACCESS_KEY || LOCAL_AWS.secretAccessKey,
    POWERTOOLS_SERVICE_NAME: 'tandem',
    // What Lambda sets for on-demand functions; Powertools reports cold starts only with it.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  };
}

/**
 * Creates the local link-signing key (32 random bytes, base64, owner-only) unless it exists.
 * Resolves true when it created one. The key never leaves `.local/`.
 */
export async function ensureSigningKey(file: string): Promise<boolean> {
  if (existsSync(file)) return false;
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await chmod(file, 0o600);
  return true;
}
