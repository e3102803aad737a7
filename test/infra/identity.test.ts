/**
 * Identity in AWS: the user pool's Cognito domain with managed login, the partner adviser's custom
 * attribute, the console's app client (public, authorization code only, callbacks on the site),
 * managed login branding, the API authorizer's audience, `assets/console.json` as the site
 * publishes it and the site's CSP letting the console reach the Cognito domain.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_JSON_PATH } from '../../infra/config/console-config';
import { PARTNER_ID_ATTRIBUTE } from '../../infra/stacks/stateful-stack';
import { CLAIMS } from '../../shared/http/auth';
import { synthStage, type Synthesized } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const COGNITO = 'https://tandem-cci-amp.auth.eu-west-3.amazoncognito.com';

/** The console.json the site deployment uploads, with its deploy-time markers, and the markers' values. */
function deployedConsoleJson(synth: Synthesized): { json: Json; markers: Record<string, Json> } {
  const assembly = synth.app.synth();
  const deployment = Object.values(synth.stateless.findResources('Custom::CDKBucketDeployment'))[0] as Json;
  const keys: string[] = deployment.Properties.SourceObjectKeys;
  const found = keys
    .map((key, index) => ({ index, file: path.join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, CONSOLE_JSON_PATH) }))
    .filter(({ file }) => existsSync(file));
  expect(found).toHaveLength(1);
  return { json: JSON.parse(readFileSync(found[0]!.file, 'utf8')), markers: deployment.Properties.SourceMarkers[found[0]!.index] };
}

const logicalIdOf = (resources: Record<string, unknown>) => {
  const ids = Object.keys(resources);
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

describe('identity', () => {
  let dev: Synthesized;
  let prod: Synthesized;

  beforeAll(() => {
    dev = synthStage('dev');
    prod = synthStage('prod', { overrides: { region: 'eu-west-3', authDomainPrefix: 'tandem-cci-amp' } });
  }, 120_000);

  it('gives the user pool a Cognito domain with the newer managed login, named per stage and account by default', () => {
    dev.stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['tandem-dev-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 2,
    });
    prod.stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'tandem-cci-amp', ManagedLoginVersion: 2 });
  });

  it('carries the adviser\'s partner as a mutable custom string attribute, the custom:partnerId claim', () => {
    expect(`custom:${PARTNER_ID_ATTRIBUTE}`).toBe(CLAIMS.partnerId);
    dev.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: PARTNER_ID_ATTRIBUTE, AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } }),
      ]),
    });
  });

  it('has one app client, the console\'s: public, authorization code only, openid/email/profile, back to the site\'s console', () => {
    dev.stateful.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    dev.stateless.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const siteDomain = { 'Fn::GetAtt': [Match.stringLikeRegexp('^SiteDistribution'), 'DomainName'] };
    dev.stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      // No secret: a browser cannot keep one; the console proves itself with PKCE (S256) instead.
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', siteDomain, '/console/callback.html']] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', siteDomain, '/console/']] }],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      IdTokenValidity: 60,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes' }),
      PreventUserExistenceErrors: 'ENABLED',
    });
    prod.stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://tandem.cciamp.example/console/callback.html'],
      LogoutURLs: ['https://tandem.cciamp.example/console/'],
    });
  });

  it('never lets a person write their own partner id through the client', () => {
    const client = Object.values(dev.stateless.findResources('AWS::Cognito::UserPoolClient'))[0] as Json;
    const writable: string[] = client.Properties.WriteAttributes;
    expect(writable.length).toBeGreaterThan(0); // an absent list would mean "every attribute"
    expect(writable).not.toContain(CLAIMS.partnerId);
    expect(writable.filter((name) => name.startsWith('custom:'))).toEqual([]);
  });

  it('brands managed login with Cognito\'s values for the console client', () => {
    const clientId = logicalIdOf(dev.stateless.findResources('AWS::Cognito::UserPoolClient'));
    dev.stateless.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
      UserPoolId: Match.anyValue(),
    });
  });

  it('makes the console client the audience of the API\'s JWT authorizer', () => {
    const clientId = logicalIdOf(dev.stateless.findResources('AWS::Cognito::UserPoolClient'));
    dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [{ Ref: clientId }], Issuer: Match.anyValue() },
    });
  });

  it('publishes assets/console.json with the Cognito endpoints and the client id, resolved at deploy', () => {
    const clientId = logicalIdOf(prod.stateless.findResources('AWS::Cognito::UserPoolClient'));
    const { json, markers } = deployedConsoleJson(prod);
    expect(json).toEqual({
      authorizeUrl: `${COGNITO}/oauth2/authorize`,
      tokenUrl: `${COGNITO}/oauth2/token`,
      logoutUrl: `${COGNITO}/logout`,
      clientId: expect.stringMatching(/^<<marker:0xbaba:\d+>>$/),
      redirectPath: '/console/callback.html',
      scope: 'openid email profile',
    });
    expect(markers[json.clientId]).toEqual({ Ref: clientId });
    // One deployment still writes the whole bucket (web/, operator.json, console.json): prune keeps them all.
    prod.stateless.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('lets the site\'s pages reach the Cognito domain for the token request and forms, nothing else', () => {
    const policy = Object.values(prod.stateless.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0] as Json;
    const csp: string = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives['connect-src']).toBe(`connect-src 'self' ${COGNITO}`);
    expect(directives['form-action']).toBe(`form-action 'self' ${COGNITO}`);
    expect(directives['script-src']).toBe("script-src 'self'");
    expect(directives['default-src']).toBe("default-src 'self'");
    expect(csp.split(COGNITO)).toHaveLength(3);
    // Environment-agnostic stage: the same domain, joined at deploy from the account and region.
    const devPolicy = Object.values(dev.stateless.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0] as Json;
    const parts: Json[] = devPolicy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1];
    expect(parts).toEqual(expect.arrayContaining([{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]));
    expect(parts.filter((p) => typeof p === 'string').join('|')).toContain("connect-src 'self' https://tandem-dev-|");
  });

  it('names the console in the outputs', () => {
    prod.stateless.hasOutput('ConsoleUrl', { Value: 'https://tandem.cciamp.example/console/' });
  });

  it('stays clean under cdk-nag', () => {
    expect(dev.nagViolations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`)).toEqual([]);
  });
});
