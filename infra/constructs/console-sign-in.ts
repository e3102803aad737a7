import { Duration } from 'aws-cdk-lib';
import {
  CfnManagedLoginBranding,
  ClientAttributes,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type IUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CONSOLE_HOME_PATH, CONSOLE_REDIRECT_PATH, cognitoConsoleConfig, type ConsoleConfig } from '../config/console-config';

export interface ConsoleSignInProps {
  /** The user pool (stateful stack); its Cognito domain serves managed login. */
  readonly userPool: IUserPool;
  /** Origin of the site serving the console (`https://host`, may be a deploy-time token). */
  readonly siteUrl: string;
  /** Base URL of the user pool's Cognito domain (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly authBaseUrl: string;
}

/**
 * How the console signs people in: its app client (public: no secret; authorization-code grant
 * only, which the console runs with PKCE; scopes openid, email, profile; back to
 * `/console/callback.html` and, after logout, `/console/` of the site) and managed login's
 * branding with Cognito's own look. The client is the audience of the API's JWT authorizer and of
 * the ID tokens the console sends.
 *
 * It lives beside the site, not beside the user pool: its callback URL is the site's, which the
 * stateless stack creates (a client in the stateful stack would make it depend on the stateless
 * one, a cycle); and an app client holds no user data, so rebuilding it loses nothing but sessions.
 */
export class ConsoleSignIn extends Construct {
  readonly client: UserPoolClient;
  /** What `assets/console.json` holds (infra/config/console-config.ts). */
  readonly config: ConsoleConfig;

  constructor(scope: Construct, id: string, props: ConsoleSignInProps) {
    super(scope, id);
    this.client = new UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      userPoolClientName: 'tandem-console',
      generateSecret: false,
      // Managed login's password sign-in (SRP) and refresh; no password in clear, no custom flow.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.siteUrl}${CONSOLE_REDIRECT_PATH}`],
        logoutUrls: [`${props.siteUrl}${CONSOLE_HOME_PATH}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // A person may edit their name; the partner they work for is the CCI's to set (custom:partnerId).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, givenName: true, familyName: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.config = cognitoConsoleConfig(props.authBaseUrl, this.client.userPoolClientId);
  }
}
