/**
 * Names of the environment variables the functions read. The CDK function construct sets each one
 * together with the grant it stands for (a capability), and the local runtime sets the same names,
 * so the code, the infrastructure and the emulator agree on one list.
 */
export const ENV = {
  stage: 'STAGE',
  tableName: 'TABLE_NAME',
  /** Only set locally: DynamoDB Local's endpoint. */
  dynamoDbEndpoint: 'DYNAMODB_ENDPOINT',
  /** Public origin of the site, e.g. https://tandem.example.org; e-mailed links start with it. */
  siteUrl: 'SITE_URL',
  mailTransport: 'MAIL_TRANSPORT',
  mailFrom: 'MAIL_FROM',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  smtpHost: 'SMTP_HOST',
  smtpPort: 'SMTP_PORT',
  signingKeySource: 'SIGNING_KEY_SOURCE',
  signingSecretArn: 'SIGNING_SECRET_ARN',
  signingKeyFile: 'SIGNING_KEY_FILE',
} as const;

/**
 * What a function may touch. Each capability is one env-var group plus one least-privilege grant.
 * - `table:read` / `table:write`: TABLE_NAME (+ DYNAMODB_ENDPOINT locally); read or read-write grant.
 * - `mail`: MAIL_TRANSPORT, MAIL_FROM, SES_CONFIGURATION_SET or SMTP_HOST/SMTP_PORT, SITE_URL; ses:SendEmail.
 * - `signing-key`: SIGNING_KEY_SOURCE and SIGNING_SECRET_ARN or SIGNING_KEY_FILE; secretsmanager:GetSecretValue.
 */
export type Capability = 'table:read' | 'table:write' | 'mail' | 'signing-key';
