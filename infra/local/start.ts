/**
 * `npm start`: the whole hub on this machine, no AWS account. Starts DynamoDB Local, the mail
 * catcher, the matching workflow runner (Step Functions stand-in), the after-commit consumers (fed
 * from the table's stream; mentees left awaiting a match are resumed), the follow-up's scheduled
 * jobs (every 10 minutes, and on demand: `npm run jobs`), then serves the API (the real
 * handlers, real API Gateway v2 events), the mailbox and the sign-up site on http://localhost:$PORT. Options: `--fresh` wipes `.local/` data first,
 * `--in-memory` keeps nothing, `--demo` adds the demo programme (to `.local/`, where it stays).
 * One hub per data folder: `.local/hub.lock` (data-lock.ts) keeps a second one from sharing it.
 */
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MATCHING_DEFAULTS } from '../../shared/domain/matching';
import { DEFAULT_OPERATOR } from '../config/stages';
import { createApiEmulator } from './api-emulator';
import { acquireDataLock, DataFolderInUseError } from './data-lock';
import { ensureTable, JavaMissingError, localDynamoDbClient, startDynamoDbLocal } from './dynamodb-local';
import { createIdentityProvider, createMemoryIdentityKey, IDENTITY_KEY_FILE, LOCAL_AUTH_PATH, loadOrCreateIdentityKey, type IdentityKey } from './identity-provider';
import { buildLocalEnv, ensureSigningKey, LOCAL_TABLE_NAME } from './local-env';
import { assertPortFree, createLocalRequestListener, listenOnLocalhost, PortInUseError } from './local-server';
import { startMailCatcher } from './mail-catcher';
import { createMailboxRoutes } from './mailbox';
import { createStaticSite, localGeneratedFiles } from './static-site';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { startJobRunner } from './job-runner';
import { startOutboxPollers } from './stream-poller';
import { startWorkflowRunner } from './workflow-runner';

// The SDK's notice about future Node versions says nothing about this run; keep the console readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOCAL_DIR = join(ROOT, '.local');
/** Written once `--demo` has seeded the folder's table; `--fresh` removes it with the data. */
const DEMO_MARKER = join(LOCAL_DIR, 'demo-seeded');

const USAGE = `Usage : npm start [-- --fresh | --in-memory] [--demo]
  --fresh      efface les données locales (.local/) avant de démarrer / wipe local data first
  --in-memory  ne garde rien sur disque / keep nothing on disk
  --demo       ajoute le programme de démonstration aux données (.local/), où il reste ;
               --fresh pour repartir de zéro / add the demo programme to the data (.local/),
               where it stays for later runs; --fresh to start over
  PORT=3000    port HTTP (seul port choisi par vous) / HTTP port (the only one you pick)`;

const log = (line: string) => console.log(line);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      'in-memory': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT invalide / invalid PORT: ${process.env.PORT}`);
  return { fresh: values.fresh, inMemory: values['in-memory'], demo: values.demo, help: values.help, port };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  // Shut-down steps, run in reverse order; registered as each part starts.
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(0); // a second Ctrl-C: the exit hook still kills DynamoDB Local
      log('\nArrêt… / Stopping…');
      void shutdown(0);
    });
  }

  try {
    // Before anything touches the folder (--fresh included): a second hub stops here.
    if (!options.inMemory) {
      const lock = await acquireDataLock(LOCAL_DIR, { port: options.port, log, displayDir: '.local/' });
      // Every way out: Ctrl-C and SIGTERM (via shutdown), errors, process.exit, a second Ctrl-C.
      stops.push(() => lock.release());
      process.on('exit', () => lock.releaseSync());
    }
    await assertPortFree(options.port);
    if (options.fresh) {
      await rm(join(LOCAL_DIR, 'dynamodb'), { recursive: true, force: true });
      await rm(join(LOCAL_DIR, 'mail'), { recursive: true, force: true });
      await rm(join(LOCAL_DIR, 'stream'), { recursive: true, force: true });
      await rm(DEMO_MARKER, { force: true });
      log('Données locales effacées / Local data wiped (.local/dynamodb, .local/mail, stream positions)');
    }

    const mail = await startMailCatcher(options.inMemory ? {} : { dir: join(LOCAL_DIR, 'mail') });
    stops.push(() => mail.stop());

    const dynamo = await startDynamoDbLocal(options.inMemory ? { inMemory: true, log } : { dataDir: join(LOCAL_DIR, 'dynamodb'), log });
    stops.push(() => dynamo.stop());
    const table = await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);
    if (table === 'created') log(`Table ${LOCAL_TABLE_NAME} créée / created`);
    if (table === 'rebuilt') log(`Table ${LOCAL_TABLE_NAME} mise à jour (flux, index) / rebuilt with the current definition (stream, indexes)`);

    const signingKeyFile = join(LOCAL_DIR, 'signing-key');
    if (await ensureSigningKey(signingKeyFile)) log('Clé de signature locale créée / Local signing key created (.local/signing-key)');

    const siteUrl = `http://localhost:${options.port}`;
    // The matching workflow's Step Functions stand-in: its endpoint goes into the environment below.
    // Its task modules are imported on their first execution, once the environment is set.
    const workflow = await startWorkflowRunner({ rootDir: ROOT, proposalLifetimeSeconds: MATCHING_DEFAULTS.proposalLifetimeSeconds, log });
    stops.push(() => workflow.stop());
    // Report files: .local/reports/ for a hub that keeps its data; a folder of its own, removed at
    // stop, for one that keeps nothing (it must not overwrite the reports of the hub of .local/).
    let reportsDir: string | undefined;
    if (options.inMemory) {
      const dir = await mkdtemp(join(tmpdir(), 'tandem-reports-'));
      reportsDir = dir;
      stops.push(() => rm(dir, { recursive: true, force: true }));
    }
    // Before any handler module is imported: they parse their configuration at load time.
    Object.assign(
      process.env,
      buildLocalEnv({
        dynamoDbEndpoint: dynamo.endpoint,
        siteUrl,
        smtpHost: mail.smtpHost,
        smtpPort: mail.smtpPort,
        signingKeyFile,
        stepFunctionsEndpoint: workflow.endpoint,
        matching: MATCHING_DEFAULTS,
        ...(reportsDir ? { reportsDir } : {}),
      }),
    );

    const { seedPartners, seedDemo, demoMarker, demoMarkerVersion, DEMO_DATA_VERSION } = await import('./demo-seed');
    const seedContext = { endpoint: dynamo.endpoint, tableName: LOCAL_TABLE_NAME, log };
    const partners = await seedPartners(seedContext);
    log(`Partenaires / Partners: ${partners}`);
    const demoAlready = !options.inMemory && (await access(DEMO_MARKER).then(() => true, () => false));
    if (options.demo) {
      log(
        options.inMemory
          ? '--demo : programme de démonstration chargé en mémoire, effacé à l\'arrêt / demo programme loaded in memory, gone when the hub stops'
          : '--demo : le programme de démonstration est ajouté au dossier de données .local/ et y reste pour les prochains démarrages ' +
              '(npm start -- --fresh pour repartir de zéro) / --demo adds the demo programme to the data folder .local/, ' +
              'where it stays for later runs (npm start -- --fresh to start over)',
      );
      await seedDemo(seedContext);
      if (!options.inMemory) await writeFile(DEMO_MARKER, demoMarker(new Date()));
    } else if (demoAlready) {
      const version = demoMarkerVersion(await readFile(DEMO_MARKER, 'utf8'));
      log(
        version < DEMO_DATA_VERSION
          ? 'Attention : le programme de démonstration de .local/ date d’une version précédente (il y manque le suivi des tandems) ; ' +
              'npm start -- --fresh --demo pour le recréer / Warning: the demo programme in .local/ is from an older version (no tandem follow-up); ' +
              'npm start -- --fresh --demo to rebuild it'
          : 'Les données .local/ contiennent le programme de démonstration (--fresh pour repartir de zéro) / .local/ holds the demo programme (--fresh to start over)',
      );
    }

    // The after-commit consumers: the same handler modules Lambda runs, fed from DynamoDB Local's stream.
    const pollers = await startOutboxPollers({
      endpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE_NAME,
      rootDir: ROOT,
      ...(options.inMemory ? {} : { stateDir: join(LOCAL_DIR, 'stream') }),
      log,
    });
    stops.push(() => pollers.stop());

    // Executions do not outlive the hub: every mentee left in awaiting_match gets a new attempt
    // (its pending proposals re-bound without a new mail, decisions recorded meanwhile found).
    const { resumeLocalMatching } = await import('./resume-matching');
    const { awaiting, resumed } = await resumeLocalMatching();
    if (awaiting > 0) log(`Appariement : ${resumed} personne(s) en attente relancée(s) sur ${awaiting} / Matching: ${resumed} of ${awaiting} waiting mentee(s) resumed`);
    log('Appariement : exécuteur local démarré, relances toutes les 10 min / Matching: local workflow runner started, reminders every 10 min');

    // The follow-up's scheduled jobs (EventBridge Scheduler's stand-in): the same handler modules,
    // imported on their first run, now that the environment is set.
    const jobs = startJobRunner({ rootDir: ROOT, log });
    stops.push(() => jobs.stop());
    log(
      'Suivi : tâches planifiées (check-ins, outcomes, silence, retention) toutes les 10 min, rapport mensuel le 1er et alertes du lundi à 7 h (Paris), et à la demande (npm run jobs, npm run report) / ' +
        'Follow-up: scheduled jobs (check-ins, outcomes, silence, retention) every 10 min, the monthly report on the 1st and Monday alerts at 07:00 (Paris), and on demand (npm run jobs, npm run report)',
    );

    // The console's sign-in: tokens signed with the key of .local/ (npm run token uses the same one).
    let identityKey: IdentityKey;
    if (options.inMemory) identityKey = await createMemoryIdentityKey();
    else {
      const loaded = await loadOrCreateIdentityKey(join(LOCAL_DIR, IDENTITY_KEY_FILE));
      if (loaded.created) log(`Clé de signature des jetons créée / Token signing key created (.local/${IDENTITY_KEY_FILE})`);
      identityKey = loaded.key;
    }
    const identityDb = toDocumentClient(localDynamoDbClient(dynamo.endpoint));
    stops.push(async () => identityDb.destroy());
    const identity = createIdentityProvider({ origin: siteUrl, key: identityKey, partners: dynamoPartnerStore(identityDb, LOCAL_TABLE_NAME), log });

    const listener = createLocalRequestListener({
      api: createApiEmulator({ rootDir: ROOT, log, authorizer: identity.authorizer() }),
      mailbox: createMailboxRoutes(mail),
      identity: (req, res) => identity.handle(req, res),
      jobs: (req, res) => jobs.handle(req, res),
      site: createStaticSite(join(ROOT, 'web'), localGeneratedFiles(DEFAULT_OPERATOR, identity.consoleConfig)),
      log,
    });
    const http = await listenOnLocalhost(listener, options.port);
    stops.push(() => http.close());

    log(`
Tandem local
  Formulaire d'inscription / Sign-up form   ${siteUrl}/
  Console (CCI, partenaires / partners)      ${siteUrl}/console/
  Connexion locale / Local sign-in           ${siteUrl}${LOCAL_AUTH_PATH}/  ${options.inMemory ? '(clé en mémoire\u00a0: npm run token ne sert pas / in-memory key: npm run token does not apply)' : '(jetons / tokens: npm run token -- admin | partner <partnerId>)'}
  Boîte mail locale / Local mailbox          ${siteUrl}/_local/mailbox
  Courriels en JSON / Mail as JSON           ${siteUrl}/_local/mail
  Tâches de suivi / Follow-up jobs           npm run jobs -- check-ins | outcomes | silence | retention | reminders | report | digest [--now <date>]
  Rapports / Reports                         npm run report -- --period <AAAA-MM | AAAA>  →  .local/reports/<période>/, ${siteUrl}/console/rapports.html
  Import d'un programme / Programme import   npm run import -- <dossier> [--dry-run]  (modèles / templates: docs/import/)
  Contrat OpenAPI / OpenAPI document         ${siteUrl}/api/openapi.json
  DynamoDB Local (table ${LOCAL_TABLE_NAME})        ${dynamo.endpoint}
  Données / Data                             ${options.inMemory ? 'en mémoire / in memory' : `.local/${options.demo || demoAlready ? ', programme de démonstration inclus / demo programme included' : ''} (--fresh pour repartir de zéro / to start over)`}
Tandem local — prêt / ready on ${siteUrl}  (Ctrl-C pour arrêter / to stop)`);
  } catch (error) {
    const known = error instanceof JavaMissingError || error instanceof PortInUseError || error instanceof DataFolderInUseError;
    console.error(`\n✖ ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await shutdown(1);
  }
}

await main();
