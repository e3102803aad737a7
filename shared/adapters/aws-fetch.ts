/**
 * Signed calls to AWS APIs without their SDK client, for the two calls (SES SendEmail, Secrets
 * Manager GetSecretValue) whose SDK clients alone would take a fifth of a function's 400 KB
 * budget. `aws4fetch` signs with SigV4; credentials and region are Lambda's environment
 * variables, as the SDK's first credential provider reads them. Failures are translated here, the
 * adapters' single place for it: throttling, 5xx and network errors → ServiceUnavailableError
 * (retry), any other refusal → DependencyRejectedError with the service's error type.
 */
import { AwsClient } from 'aws4fetch';
import { DependencyRejectedError, ServiceUnavailableError } from '../domain/errors';

export interface AwsCallTarget {
  /** Signing name, e.g. `ses`, `secretsmanager`. */
  service: string;
  /** @default process.env.AWS_REGION */
  region?: string;
  /** Overrides `https://<endpointPrefix>.<region>.amazonaws.com` (tests). */
  endpoint?: string;
  /** @default process.env (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) */
  env?: NodeJS.ProcessEnv;
}

const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_TYPES = /Throttl|TooManyRequests|LimitExceeded|ServiceUnavailable|InternalFailure|RequestTimeout/;

function client(target: AwsCallTarget): AwsClient {
  const env = target.env ?? process.env;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new ServiceUnavailableError(`${target.service}: no AWS credentials in the environment`);
  return new AwsClient({
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    service: target.service,
    region: target.region ?? env.AWS_REGION ?? 'eu-west-3',
    // The callers are retried as a whole (stream records, HTTP clients): two quick retries suffice.
    retries: 2,
    initRetryMs: 50,
  });
}

export function endpointOf(target: AwsCallTarget, endpointPrefix: string): string {
  const region = target.region ?? (target.env ?? process.env).AWS_REGION ?? 'eu-west-3';
  return (target.endpoint ?? `https://${endpointPrefix}.${region}.amazonaws.com`).replace(/\/+$/, '');
}

/** POSTs a JSON body to `url`, signed; resolves the parsed JSON answer or throws a domain error. */
export async function callAwsJson(target: AwsCallTarget, url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await client(target).fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  } catch (error) {
    throw new ServiceUnavailableError(`${target.service} unreachable`, { cause: error });
  }
  const text = await response.text();
  const parsed = text ? (safeJson(text) as Record<string, unknown> | undefined) : undefined;
  if (response.ok) return parsed ?? {};
  const type = String(parsed?.__type ?? response.headers.get('x-amzn-errortype') ?? `HTTP${response.status}`).split('#').pop()!.split(':')[0]!;
  if (TRANSIENT_STATUSES.has(response.status) || TRANSIENT_TYPES.test(type)) throw new ServiceUnavailableError(`${target.service} unavailable (${type})`);
  throw new DependencyRejectedError(`${target.service} refused the request (${type})`, type);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
