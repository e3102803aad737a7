/**
 * Names of the environment variables the functions read. Each belongs to one configuration group
 * of the capability registry (capabilities.ts); the CDK function construct and the local runtime
 * set them from the same names, so the code, the infrastructure and the emulator agree on one list.
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
  /** Who sends the mails, named in their footers ("CCI Aix-Marseille-Provence"). */
  mailOperatorName: 'MAIL_OPERATOR_NAME',
  /** The address people write to, given in every mail's footer. */
  mailContactEmail: 'MAIL_CONTACT_EMAIL',
  /** The operator's postal address, one line, in every mail's footer. */
  mailPostalAddress: 'MAIL_POSTAL_ADDRESS',
  /** The CCI's programme mailbox: "no mentor found" reports and matching alerts go there. */
  mailProgrammeEmail: 'MAIL_PROGRAMME_EMAIL',
  signingKeySource: 'SIGNING_KEY_SOURCE',
  signingSecretArn: 'SIGNING_SECRET_ARN',
  signingKeyFile: 'SIGNING_KEY_FILE',
  /** The matching workflow's state machine (StartExecution, SendTaskSuccess/Failure). */
  stateMachineArn: 'STATE_MACHINE_ARN',
  /** Only set locally: the local workflow runner's Step Functions endpoint. */
  stepFunctionsEndpoint: 'STEP_FUNCTIONS_ENDPOINT',
  /** Matching settings of the stage (infra/config/stages.ts `matching`). */
  matchingCandidatesPerAttempt: 'MATCHING_CANDIDATES_PER_ATTEMPT',
  matchingProposalLifetimeSeconds: 'MATCHING_PROPOSAL_LIFETIME_SECONDS',
  matchingReminderAfterSeconds: 'MATCHING_REMINDER_AFTER_SECONDS',
  /** How long an identical sign-up submission is remembered (double clicks, retries), in seconds. */
  signUpSubmissionMemorySeconds: 'SIGN_UP_SUBMISSION_MEMORY_SECONDS',
  /** Follow-up and retention settings of the stage (infra/config/stages.ts `followUp`, FollowUpSettings), in days. */
  followUpFirstCheckInDays: 'FOLLOW_UP_FIRST_CHECK_IN_DAYS',
  followUpCheckInIntervalDays: 'FOLLOW_UP_CHECK_IN_INTERVAL_DAYS',
  followUpReminderAfterDays: 'FOLLOW_UP_REMINDER_AFTER_DAYS',
  followUpLinkDays: 'FOLLOW_UP_LINK_DAYS',
  followUpSilentAfterDays: 'FOLLOW_UP_SILENT_AFTER_DAYS',
  followUpUnmatchedRetentionDays: 'FOLLOW_UP_UNMATCHED_RETENTION_DAYS',
  followUpRetentionNoticeDays: 'FOLLOW_UP_RETENTION_NOTICE_DAYS',
  followUpClosedTandemRetentionDays: 'FOLLOW_UP_CLOSED_TANDEM_RETENTION_DAYS',
  /** Reports (docs/reports.md): where report files go — `s3` (AWS) or `local` (a folder on this machine). */
  reportsStore: 'REPORTS_STORE',
  /** The reports bucket (AWS). */
  reportsBucket: 'REPORTS_BUCKET',
  /** The reports folder (local runtime): `.local/reports`. */
  reportsDir: 'REPORTS_DIR',
  /** The CCI's report list: comma-separated addresses the monthly report and the weekly digest go to. */
  reportsRecipients: 'REPORTS_RECIPIENTS',
  /** `YYYY-MM`: the first month programme-to-date figures count from (and the time index is read from). */
  reportsProgrammeStart: 'REPORTS_PROGRAMME_START',
  /** How long a report file's download link lives, in seconds. */
  reportsLinkSeconds: 'REPORTS_LINK_SECONDS',
  /** The secret header value CloudFront adds to API requests (HTTP functions, where the API has its own domain). */
  originVerifyValue: 'ORIGIN_VERIFY_VALUE',
} as const;

export type { Capability } from './capabilities';
