/**
 * What the console (web/console/) needs to sign a person in, published by the site as
 * `assets/console.json`: the OAuth 2.0 endpoints of the identity provider (Cognito's managed login
 * in AWS, the local identity provider of `npm start`), the console's app client id, where the
 * provider sends the browser back, and the scopes. The console runs the authorization-code flow
 * with PKCE (S256), keeps the `id_token` and sends it as `Authorization: Bearer`.
 * This shape is a contract with the console: change it together with web/console/.
 */
export const CONSOLE_JSON_PATH = 'assets/console.json';

/** Where the identity provider sends the browser back with `?code&state`. */
export const CONSOLE_REDIRECT_PATH = '/console/callback.html';
/** Where the provider sends the browser after logout (`logout_uri`). */
export const CONSOLE_HOME_PATH = '/console/';
/** The scopes the console asks for: enough for an ID token with the person's name and address. */
export const CONSOLE_SCOPE = 'openid email profile';

export interface ConsoleConfig {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  /** Called as `logoutUrl?client_id=…&logout_uri=<origin>/console/` (Cognito's shape). */
  readonly logoutUrl: string;
  readonly clientId: string;
  readonly redirectPath: typeof CONSOLE_REDIRECT_PATH;
  readonly scope: typeof CONSOLE_SCOPE;
}

/**
 * The console's configuration against a Cognito domain (`https://<prefix>.auth.<region>.amazoncognito.com`):
 * managed login's `/oauth2/authorize`, `/oauth2/token` and `/logout`.
 */
export function cognitoConsoleConfig(domainBaseUrl: string, clientId: string): ConsoleConfig {
  return {
    authorizeUrl: `${domainBaseUrl}/oauth2/authorize`,
    tokenUrl: `${domainBaseUrl}/oauth2/token`,
    logoutUrl: `${domainBaseUrl}/logout`,
    clientId,
    redirectPath: CONSOLE_REDIRECT_PATH,
    scope: CONSOLE_SCOPE,
  };
}

/** Base URL of a Cognito prefix domain (what `UserPoolDomain.baseUrl()` returns). */
export const cognitoDomainBaseUrl = (domainPrefix: string, region: string, urlSuffix = 'amazoncognito.com') =>
  `https://${domainPrefix}.auth.${region}.${urlSuffix}`;

/**
 * The Cognito domain prefix of a stage: the stage's `authDomainPrefix`, else `tandem-<stage>-<account>`
 * (prefixes are global per region; the account id makes them unique without a registry of names).
 * `account` may be a CloudFormation token (environment-agnostic stacks).
 */
export const cognitoDomainPrefix = (config: { readonly stage: string; readonly authDomainPrefix?: string | undefined }, account: string) =>
  config.authDomainPrefix ?? `tandem-${config.stage}-${account}`;
