/**
 * `npm run token -- admin` / `npm run token -- partner <partnerId>`: prints an ID token of a demo
 * account of the local identity provider on stdout, and nothing else, for scripts:
 *
 *   curl -H "Authorization: Bearer $(npm run -s token -- admin)" http://localhost:3000/api/admin/attention
 *
 * Signed with the key of `.local/` (the one a running hub verifies with; created if missing) for
 * the hub's issuer (`http://localhost:$PORT/_local/auth`, PORT 3000 by default). A hub started
 * with `--in-memory` has a key of its own and refuses these tokens. Hints go to stderr.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathIds } from '../shared/domain/back-office-schemas';
import {
  adviserAccount,
  IDENTITY_KEY_FILE,
  LOCAL_CLIENT_ID,
  loadOrCreateIdentityKey,
  localIssuer,
  OFFICER_ACCOUNT,
  signIdToken,
  TOKEN_LIFETIME_SECONDS,
  type LocalAccount,
} from '../infra/local/identity-provider';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage\u00a0: npm run token -- admin | partner <partnerId>
  admin                 la chargée de mission CCI (groupe admin) / the CCI officer (group admin)
  partner <partnerId>   le ou la conseiller·ère d’un partenaire (groupe partner) / a partner's adviser
  PORT=3000             port du hub local (émetteur du jeton) / port of the local hub (the token's issuer)
Les identifiants des partenaires\u00a0: http://localhost:3000/api/partners / Partner ids: GET /api/partners`;

class UsageError extends Error {
  override name = 'UsageError';
}

/** The account named by the command line, or a UsageError in French and English. */
export function accountOf(args: readonly string[]): LocalAccount {
  const [kind, partnerId, ...rest] = args;
  if (kind === 'admin' && partnerId === undefined) return OFFICER_ACCOUNT;
  if (kind === 'partner') {
    if (!partnerId) {
      throw new UsageError('Identifiant de partenaire manquant\u00a0: npm run token -- partner <partnerId>. / Missing partner id: npm run token -- partner <partnerId>.');
    }
    if (rest.length > 0 || !pathIds.partnerId.safeParse({ partnerId }).success) {
      throw new UsageError(`Identifiant de partenaire invalide (lettres, chiffres, - et _) / Invalid partner id (letters, digits, - and _): ${partnerId.slice(0, 64)}`);
    }
    return adviserAccount({ id: partnerId });
  }
  throw new UsageError(kind ? `Compte inconnu / Unknown account: ${kind.slice(0, 32)}` : 'Quel compte\u202f? / Which account?');
}

export function originOf(env: NodeJS.ProcessEnv): string {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`PORT invalide / invalid PORT: ${env.PORT}`);
  return `http://localhost:${port}`;
}

async function main(): Promise<void> {
  let account: LocalAccount;
  let origin: string;
  try {
    account = accountOf(process.argv.slice(2));
    origin = originOf(process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`✖ ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const { key, created } = await loadOrCreateIdentityKey(join(ROOT, '.local', IDENTITY_KEY_FILE));
  if (created) process.stderr.write(`Clé de signature des jetons créée / Token signing key created (.local/${IDENTITY_KEY_FILE})\n`);
  const token = await signIdToken(key, account, { issuer: localIssuer(origin), audience: LOCAL_CLIENT_ID });
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `Jeton d’identité de «\u00a0${account.name}\u00a0» valable ${TOKEN_LIFETIME_SECONDS / 60} min pour ${origin} / ID token valid ${TOKEN_LIFETIME_SECONDS / 60} min for ${origin}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
