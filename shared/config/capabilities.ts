/**
 * The capability registry, runtime side. A capability is what a function may touch; each one
 * names the configuration group its code parses at cold start (variables and zod schema in
 * runtime-config.ts). The infrastructure side of the same entry — the variables' values and the
 * least-privilege grant — is `CAPABILITY_BINDERS` in infra/constructs/capabilities.ts, and the
 * local runtime's values are `LOCAL_CONFIG` in infra/local/local-env.ts. All three are typed as
 * complete records over `Capability` / `ConfigGroup`, so adding a capability here does not
 * compile until its grant and its local value exist: one entry per place, nothing to forget.
 */
export const CAPABILITIES = {
  /**
   * The single table: TABLE_NAME (+ DYNAMODB_ENDPOINT locally). Its grant is the function's
   * `tableAccess` (shared/db/table-access.ts): only the DynamoDB actions its use case performs.
   */
  table: { group: 'table' },
  /** Send e-mail: SES (AWS) or SMTP (local), the sender and the site's URL for links. */
  mail: { group: 'mail' },
  /** Sign and verify e-mailed links: the HMAC key from Secrets Manager (AWS) or a file (local). */
  'signing-key': { group: 'signing' },
  /**
   * Drive the matching workflow: start an attempt's execution, hand a mentor's decision to the
   * waiting task (Step Functions in AWS, the local runner's endpoint locally).
   */
  workflow: { group: 'workflow' },
  /** The stage's matching settings: candidates per attempt, proposal lifetime, reminder delay (no grant). */
  matching: { group: 'matching' },
  /** The stage's sign-up settings: how long an identical submission is remembered (no grant). */
  'sign-up': { group: 'signUp' },
  /** The stage's follow-up and retention settings: check-in rhythm, reminders, silence, retention durations (no grant). */
  'follow-up': { group: 'followUp' },
  /**
   * Report files and settings (docs/reports.md): the reports bucket (AWS; read, write, list) or a
   * local folder, the CCI's report list, the programme's first month, the download links' lifetime.
   */
  reports: { group: 'reports' },
} as const satisfies Record<string, { group: 'table' | 'mail' | 'signing' | 'workflow' | 'matching' | 'signUp' | 'followUp' | 'reports' }>;

export type Capability = keyof typeof CAPABILITIES;
export type ConfigGroup = (typeof CAPABILITIES)[Capability]['group'];
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];
