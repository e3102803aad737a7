/**
 * Sign-up timing, new vs known address: does the answer's time tell whether an address is already
 * registered? (For a mentee, that would reveal a job seeker.) The request path
 * (functions/http/register-*.ts → submit-sign-up → sign-up-inbox) does one conditional write
 * whatever the address; this measures that it stays so. Called by `scripts/bench.ts`.
 *
 * Setup, as `npm start -- --in-memory` does it (infra/local/start.ts): DynamoDB Local in memory,
 * the table, the partners, a signing key and the mail catcher, then the real after-commit consumer
 * consumers (functions/stream/) fed by the stream pollers. The known addresses are registered
 * through the real handlers and processed by the consumer (claim and profile written, mail sent);
 * half of them are then confirmed through the real confirm-email handler with the mailed token.
 *
 * Measurement: the real handler modules called in this process with API Gateway v2 events (as the
 * local emulator builds them), wall time of each call with `performance.now()`. After a warm-up,
 * requests are interleaved in triples — one new, one known, one repeated, in a seeded random order
 * within the triple — each triple on one route (mentor, mentee, mentee referred by a partner, in
 * turn), so the groups see the same mix and the same moments. A known-address request is a new submission (its bio or project differs); a repeated
 * one is a byte-identical copy of an earlier submission (the de-duplicated path, for information).
 * The consumer is stopped before measuring: in AWS it is a separate Lambda, and here it would share
 * this event loop, its work differing between the groups (and the request path never waits for
 * it). The table is then checked: every new and known request recorded a job, no repeated one
 * did. A failed check, or an answer other than 202, throws: the figures would be void.
 *
 * Once per process: the handler modules read their configuration when first imported.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ENTITY } from '../shared/db/items';
import { seededRandom } from '../shared/synthetic/generator';
import { ensureTable, localDynamoDbClient, startDynamoDbLocal, type DynamoDbLocal } from '../infra/local/dynamodb-local';
import { createLambdaContext, toHttpApiEvent } from '../infra/local/http-api-event';
import { fileURLToPath } from 'node:url';
import { buildLocalEnv, ensureSigningKey, LOCAL_TABLE_NAME } from '../infra/local/local-env';
import { startMailCatcher, type MailCatcher } from '../infra/local/mail-catcher';
import { validMentee, validMentor } from '../test/fixtures/sign-ups';
import { startOutboxPollers, type StreamPoller } from '../infra/local/stream-poller';

export interface SignUpTimingOptions {
  /** Measured requests per group (new, known, repeated). @default 200 */
  requests?: number;
  /** Unmeasured calls first (spread over the three groups). @default 21 */
  warmup?: number;
  /** Progress lines. @default none */
  log?: (line: string) => void;
}

export interface SignUpTiming {
  newMedianMs: number;
  knownMedianMs: number;
  /** knownMedianMs − newMedianMs (signed). */
  differenceMs: number;
  newP90Ms: number;
  knownP90Ms: number;
  /** The identical repeated submission (its conditional write fails), for information. */
  repeatedMedianMs: number;
  /** Measured requests per group. */
  requests: number;
}

/** The goal for |difference of medians|: reported, not asserted. */
export const SIGN_UP_TIMING_GOAL_MS = 5;

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type Route = 'mentor' | 'mentee' | 'referred';

const ROUTES: readonly Route[] = ['mentor', 'mentee', 'referred'];
type Group = 'new' | 'known' | 'repeated';
const ORDERS: readonly (readonly Group[])[] = [
  ['new', 'known', 'repeated'],
  ['new', 'repeated', 'known'],
  ['known', 'new', 'repeated'],
  ['known', 'repeated', 'new'],
  ['repeated', 'new', 'known'],
  ['repeated', 'known', 'new'],
];
const round = (x: number) => Math.round(x * 100) / 100;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
function median(xs: number[]): number {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
/** Nearest-rank percentile. */
const percentile = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/** A valid body for the route; `text` makes the submission distinct (bio or project). */
function signUpBody(route: Route, email: string, text: string, partnerId: string): Record<string, unknown> {
  if (route === 'mentor') {
    const mentor = validMentor();
    return { ...mentor, email, bio: `${mentor.bio} ${text}` };
  }
  const mentee = validMentee();
  return { ...mentee, email, ...(route === 'referred' ? { partnerId } : {}), project: `${mentee.project} ${text}` };
}

/** The event API Gateway would hand the function, built like the local emulator does. */
function httpEvent(method: string, path: string, body?: unknown): APIGatewayProxyEventV2 {
  return toHttpApiEvent(
    {
      method,
      url: path,
      rawHeaders: ['Host', 'localhost:3000', 'Content-Type', 'application/json', 'Accept-Language', 'fr-FR,fr;q=0.9', 'User-Agent', 'tandem-bench'],
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      sourceIp: '127.0.0.1',
      httpVersion: '1.1',
    },
    { routeKey: `${method} ${path}`, pathParameters: {} },
  );
}

async function countItems(endpoint: string, tableName: string): Promise<{ jobs: number; profiles: number }> {
  const client = localDynamoDbClient(endpoint);
  let jobs = 0;
  let profiles = 0;
  try {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ProjectionExpression: '#e, #k', ExpressionAttributeNames: { '#e': 'entity', '#k': 'kind' }, ...(start ? { ExclusiveStartKey: start } : {}) }));
      for (const item of page.Items ?? []) {
        const entity = item.entity?.S;
        if (entity === ENTITY.outbox && item.kind?.S === 'sign_up') jobs++;
        if (entity === ENTITY.mentor || entity === ENTITY.mentee) profiles++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return { jobs, profiles };
}

export async function benchSignUpTiming(options: SignUpTimingOptions = {}): Promise<SignUpTiming> {
  const requests = options.requests ?? 200;
  const warmup = options.warmup ?? 21;
  const log = options.log ?? (() => undefined);
  const quiet = () => undefined;

  // Everything this run starts, stopped in reverse order whatever happens.
  const stops: Array<() => Promise<unknown>> = [];
  const savedEnv = new Map<string, string | undefined>();
  const setEnv = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (!savedEnv.has(k)) savedEnv.set(k, process.env[k]);
      process.env[k] = v;
    }
  };
  try {
    // The SDK's notice about future Node versions says nothing about this run.
    setEnv({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-signup-'));
    stops.push(() => rm(dir, { recursive: true, force: true }));
    const signingKeyFile = join(dir, 'signing-key');
    await ensureSigningKey(signingKeyFile);

    const mail: MailCatcher = await startMailCatcher();
    stops.push(() => mail.stop());
    log('sign-up: starting DynamoDB Local (in memory)');
    const dynamo: DynamoDbLocal = await startDynamoDbLocal({ inMemory: true });
    stops.push(() => dynamo.stop());
    await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);

    // Before any handler module is imported: they parse their configuration, and build the
    // Powertools logger, at load time. Silent logs keep the bench's output readable.
    setEnv({
      ...buildLocalEnv({ dynamoDbEndpoint: dynamo.endpoint, siteUrl: 'http://localhost:3000', smtpHost: mail.smtpHost, smtpPort: mail.smtpPort, signingKeyFile }),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const { seedPartners } = await import('../infra/local/demo-seed');
    await seedPartners({ endpoint: dynamo.endpoint, tableName: LOCAL_TABLE_NAME, log: quiet });

    const registerMentor = (await import('../functions/http/register-mentor')).handler as unknown as Handler;
    const registerMentee = (await import('../functions/http/register-mentee')).handler as unknown as Handler;
    const confirmEmail = (await import('../functions/http/confirm-email')).handler as unknown as Handler;
    const listPartners = (await import('../functions/http/list-partners')).handler as unknown as Handler;

    // The consumer, until the known addresses are in place; stopped before measuring.
    // Retries 1 ms apart: a confirmed mentee's start_matching job finds no workflow runner here
    // (nothing listens on the local env's workflow endpoint) and is dead-lettered at once, not after ~13 s each.
    const poller: StreamPoller = await startOutboxPollers({
      endpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE_NAME,
      rootDir: fileURLToPath(new URL('..', import.meta.url)),
      idleMs: 20,
      retryDelayMs: 1,
      log,
    });
    let consumerRunning = true;
    const stopConsumer = async () => {
      if (!consumerRunning) return;
      consumerRunning = false;
      await poller.stop();
    };
    stops.push(stopConsumer);

    const contexts = { mentor: 'RegisterMentor', mentee: 'RegisterMentee', referred: 'RegisterMentee' } as const;
    /** One call through the real handler; the event is built outside the timing, as API Gateway does. */
    const submit = async (route: Route, body: Record<string, unknown>): Promise<number> => {
      const event = httpEvent('POST', route === 'mentor' ? '/api/mentors' : '/api/mentees', body);
      const context = createLambdaContext({ functionName: contexts[route] });
      const handler = route === 'mentor' ? registerMentor : registerMentee;
      const t0 = performance.now();
      const res = await handler(event, context);
      const elapsed = performance.now() - t0;
      if (res.statusCode !== 202) throw new Error(`sign-up answered ${res.statusCode}, not 202: ${String(res.body)}`);
      return elapsed;
    };

    const partners = await listPartners(httpEvent('GET', '/api/partners'), createLambdaContext({ functionName: 'ListPartners' }));
    const partnerId = (JSON.parse(String(partners.body)) as { partners: Array<{ id: string }> }).partners[0]?.id;
    if (!partnerId) throw new Error('no active partner after seeding');

    // ---- known addresses: registered, processed by the consumer, half of them confirmed ----------
    const run = Date.now().toString(36);
    const routeOf = (i: number) => ROUTES[i % ROUTES.length]!;
    const knownAddress = (i: number) => `known.${i}.${run}@example.org`;
    const originalBody = (i: number) => signUpBody(routeOf(i), knownAddress(i), 'first sign-up', partnerId);
    log(`sign-up: registering ${requests} known addresses through the handlers and the consumer`);
    for (let i = 0; i < requests; i++) await submit(routeOf(i), originalBody(i));
    await poller.drain();
    let verified = 0;
    for (let i = 0; i < requests; i += 2) {
      const address = knownAddress(i);
      const sent = await mail.waitFor((m) => m.to.includes(address));
      const token = /verify\.html#token=([\w.-]+)/.exec(sent.text)?.[1];
      if (!token) throw new Error(`no verification link in the mail to a known address`);
      const res = await confirmEmail(httpEvent('POST', '/api/verifications', { token }), createLambdaContext({ functionName: 'ConfirmEmail' }));
      if (res.statusCode !== 200) throw new Error(`confirming a known address answered ${res.statusCode}: ${String(res.body)}`);
      verified++;
    }
    await poller.drain();
    const before = await countItems(dynamo.endpoint, LOCAL_TABLE_NAME);
    if (before.profiles !== requests) throw new Error(`expected ${requests} known profiles, found ${before.profiles}`);
    log(`sign-up: ${requests} known addresses (${verified} confirmed); consumer stopped, measuring`);

    // ---- measurement, the consumer stopped (a separate Lambda in AWS) ------------------------------
    await stopConsumer();
    const times = { new: [] as number[], known: [] as number[], repeated: [] as number[] };
    const random = seededRandom(20261126);
    let recorded = 0;
    /** New, known and repeated requests on known sign-up k's route; `tag` makes each submission distinct. */
    const triple = async (k: number, tag: string, measured: boolean) => {
      const route = routeOf(k);
      const bodies = {
        new: signUpBody(route, `new.${tag.replace(/\W+/g, '')}.${run}@example.org`, tag, partnerId),
        // Same address as known sign-up k (same route), a different submission.
        known: signUpBody(route, knownAddress(k), tag, partnerId),
        // Byte-identical to known sign-up k's first submission: the conditional write fails.
        repeated: originalBody(k),
      };
      // The three in a seeded random order, so no group always comes first after the previous triple.
      for (const group of ORDERS[random.int(0, ORDERS.length - 1)]!) {
        const elapsed = await submit(route, bodies[group]);
        if (measured) times[group].push(elapsed);
      }
      recorded += 2;
    };
    const warmupTriples = Math.ceil(warmup / 3);
    for (let i = 0; i < warmupTriples; i++) await triple(i, `warm-up ${i}`, false);
    (globalThis as { gc?: () => void }).gc?.();
    for (let i = 0; i < requests; i++) await triple(i, `n°${i}`, true);

    // ---- check that the groups took the paths they claim ------------------------------------------
    const after = await countItems(dynamo.endpoint, LOCAL_TABLE_NAME);
    if (after.jobs - before.jobs !== recorded) {
      throw new Error(`expected ${recorded} new sign-up jobs (new and known requests; none for repeated ones), found ${after.jobs - before.jobs}`);
    }

    const newMedianMs = median(times.new);
    const knownMedianMs = median(times.known);
    return {
      newMedianMs: round(newMedianMs),
      knownMedianMs: round(knownMedianMs),
      differenceMs: round(knownMedianMs - newMedianMs),
      newP90Ms: round(percentile(times.new, 90)),
      knownP90Ms: round(percentile(times.known, 90)),
      repeatedMedianMs: round(median(times.repeated)),
      requests,
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
