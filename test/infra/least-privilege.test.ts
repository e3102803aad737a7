/**
 * Least privilege per function (issue 8): each function's role holds exactly the DynamoDB actions
 * its use case performs, on the table or the one index it queries, with `dynamodb:LeadingKeys`
 * where declared; no Scan anywhere; SES sending only from the stage's sender. The expectations are
 * spelled out here, not derived from the declarations, so a change of grant is a visible change.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { synthStage, type Synthesized } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Statement = { Action: string | string[]; Resource: Json; Condition?: Record<string, Record<string, unknown>> };

/** One table statement: its actions, where (the table, or an index), its leading keys if any. */
type Expected = { actions: string[]; on: 'table' | `index/${string}`; leadingKeys?: string[] };

const PEOPLE = ['MENTOR#*', 'MENTEE#*'];
const EXPECTED: Record<string, Expected[]> = {
  GetOpenApi: [],
  GetReference: [],
  FindCommunes: [],
  ListPartners: [{ actions: ['Query'], on: 'index/GSI1' }],
  RegisterMentor: [{ actions: ['PutItem'], on: 'table', leadingKeys: ['OUTBOX#SIGN_UP#*'] }],
  RegisterMentee: [{ actions: ['ConditionCheckItem', 'PutItem'], on: 'table' }],
  ConfirmEmail: [
    { actions: ['GetItem'], on: 'table', leadingKeys: PEOPLE },
    { actions: ['PutItem', 'UpdateItem'], on: 'table' },
  ],
  ResendVerification: [{ actions: ['PutItem'], on: 'table', leadingKeys: ['OUTBOX#RESEND#*'] }],
  ViewProposal: [{ actions: ['Query'], on: 'table', leadingKeys: PEOPLE }],
  DecideProposal: [
    { actions: ['GetItem'], on: 'table', leadingKeys: PEOPLE },
    { actions: ['DeleteItem', 'PutItem', 'UpdateItem'], on: 'table' },
  ],
  ReactivateMentor: [
    { actions: ['GetItem'], on: 'table', leadingKeys: PEOPLE },
    { actions: ['PutItem', 'UpdateItem'], on: 'table' },
  ],
  // The follow-up pages (issue 11): the tandem's partition and the two people, then one transaction.
  ViewFollowUp: [{ actions: ['GetItem', 'Query'], on: 'table', leadingKeys: ['TANDEM#*', ...PEOPLE] }],
  AnswerFollowUp: [
    { actions: ['GetItem', 'Query'], on: 'table', leadingKeys: ['TANDEM#*'] },
    { actions: ['PutItem', 'UpdateItem'], on: 'table' },
  ],
  // The back office (issue 10): reads through the indexes and BatchGet of names, never a Scan.
  GetAttention: [
    { actions: ['Query'], on: 'index/GSI1+GSI2' },
    { actions: ['BatchGetItem'], on: 'table' },
  ],
  ListAdminPartners: [{ actions: ['Query'], on: 'index/GSI1' }],
  CreatePartner: [{ actions: ['PutItem'], on: 'table', leadingKeys: ['PARTNER#*'] }],
  UpdatePartner: [{ actions: ['GetItem', 'UpdateItem'], on: 'table', leadingKeys: ['PARTNER#*'] }],
  ListMentors: [{ actions: ['Query'], on: 'index/GSI1' }],
  GetMentor: [{ actions: ['GetItem'], on: 'table', leadingKeys: ['MENTOR#*', 'MENTEE#*'] }],
  UpdateMentor: [
    { actions: ['GetItem'], on: 'table', leadingKeys: ['MENTOR#*', 'MENTEE#*', 'PARTNER#*'] },
    { actions: ['DeleteItem', 'PutItem', 'UpdateItem'], on: 'table' },
  ],
  ChangeMentorStatus: [
    { actions: ['GetItem'], on: 'table', leadingKeys: ['MENTOR#*', 'MENTEE#*'] },
    { actions: ['DeleteItem', 'PutItem', 'UpdateItem'], on: 'table' },
  ],
  ListMentees: [{ actions: ['Query'], on: 'index/GSI1' }],
  GetMentee: [{ actions: ['BatchGetItem', 'GetItem', 'Query'], on: 'table' }],
  StartMenteeMatching: [{ actions: ['GetItem', 'PutItem', 'Query', 'UpdateItem'], on: 'table' }],
  ListTandems: [
    { actions: ['Query'], on: 'index/GSI1' },
    { actions: ['BatchGetItem'], on: 'table' },
  ],
  GetTandem: [{ actions: ['BatchGetItem', 'GetItem', 'Query'], on: 'table' }],
  CloseTandem: [{ actions: ['ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'], on: 'table' }],
  RecordTandemOutcome: [{ actions: ['GetItem', 'UpdateItem'], on: 'table', leadingKeys: ['TANDEM#*'] }],
  ResolveTandemAlert: [{ actions: ['UpdateItem'], on: 'table', leadingKeys: ['TANDEM#*'] }],
  // Personal data: a mentor's proposals and tandems through its history index (GSI4), never a Scan.
  ExportPerson: [
    { actions: ['BatchGetItem', 'GetItem', 'Query'], on: 'table' },
    { actions: ['Query'], on: 'index/GSI4' },
  ],
  ErasePerson: [
    { actions: ['BatchGetItem', 'ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'], on: 'table' },
    { actions: ['Query'], on: 'index/GSI1+GSI4' },
  ],
  ListCohortDrafts: [{ actions: ['Query'], on: 'index/GSI1' }],
  CreateCohortDraft: [
    { actions: ['GetItem', 'PutItem', 'Query'], on: 'table' },
    { actions: ['Query'], on: 'index/GSI1+GSI2' },
  ],
  GetCohortDraft: [{ actions: ['GetItem'], on: 'table' }],
  ReviseCohortDraft: [
    { actions: ['GetItem', 'PutItem', 'Query'], on: 'table' },
    { actions: ['Query'], on: 'index/GSI1+GSI2' },
  ],
  PublishCohortDraft: [{ actions: ['GetItem', 'PutItem', 'Query', 'UpdateItem'], on: 'table' }],
  ReferMentee: [{ actions: ['ConditionCheckItem', 'PutItem'], on: 'table' }],
  ListPartnerMentees: [{ actions: ['Query'], on: 'index/GSI2' }],
  ListPartnerTandems: [
    { actions: ['Query'], on: 'index/GSI2' },
    { actions: ['BatchGetItem'], on: 'table' },
  ],
  GetPartnerTandem: [{ actions: ['BatchGetItem', 'Query'], on: 'table', leadingKeys: ['TANDEM#*', ...PEOPLE] }],
  OutboxJobs: [
    { actions: ['GetItem'], on: 'table', leadingKeys: ['EMAIL#MENTOR#*', 'EMAIL#MENTEE#*', ...PEOPLE] },
    { actions: ['PutItem', 'UpdateItem'], on: 'table' },
    // The matching jobs: a decision's delivery, the retry of unmatched mentees when a mentor has a place.
    { actions: ['GetItem'], on: 'table', leadingKeys: ['MENTEE#*', 'MENTOR#*', 'PARTNER#*'] },
    { actions: ['Query'], on: 'table', leadingKeys: ['MENTEE#*'] },
    { actions: ['Query'], on: 'index/GSI1' },
  ],
  MailSender: [
    { actions: ['GetItem'], on: 'table', leadingKeys: [...PEOPLE, 'IDEMPOTENCY', 'TANDEM#*', 'PARTNER#*'] },
    { actions: ['Query'], on: 'table', leadingKeys: [...PEOPLE, 'TANDEM#*'] },
    { actions: ['DeleteItem', 'PutItem', 'UpdateItem'], on: 'table', leadingKeys: ['IDEMPOTENCY'] },
    { actions: ['UpdateItem'], on: 'table', leadingKeys: ['MAILS#*'] },
  ],
  // Reports and the programme import (issue 12), in the reports stack: the time index and the
  // partners' status index, Query only; the file routes no table at all.
  GetReportKpis: [{ actions: ['Query'], on: 'index/GSI1+GSI3' }],
  ListReports: [],
  GetReportFile: [],
  RunReport: [{ actions: ['Query'], on: 'index/GSI1+GSI3' }],
  ImportProgramme: [
    { actions: ['BatchGetItem', 'ConditionCheckItem', 'GetItem', 'PutItem', 'UpdateItem'], on: 'table' },
    { actions: ['Query'], on: 'index/GSI1' },
  ],
  SendMonthlyReport: [{ actions: ['Query'], on: 'index/GSI1+GSI3' }],
  SendWeeklyDigest: [{ actions: ['Query'], on: 'index/GSI1+GSI2' }],
};
/** The stream consumers read the table's stream (event source mapping), on the stream ARN only. */
const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const CONSUMERS = ['OutboxJobs', 'MailSender'];
/** The reports stack's jobs (the follow-up's are covered by scheduled-jobs.test.ts). */
const REPORT_JOBS = ['SendMonthlyReport', 'SendWeeklyDigest'];
/** The functions of the reports stack: its routes and its jobs. */
const IN_REPORTS_STACK = [...(ROUTES as readonly RouteDefinition[]).filter((r) => r.stack === 'reports').map((r) => r.id), ...REPORT_JOBS];
/** The functions that get the `reports` capability: the reports bucket. */
const REPORT_READERS = ['GetReportKpis', 'ListReports', 'GetReportFile', 'RunReport', ...REPORT_JOBS];
/** The functions that send mail (SES). */
const MAIL_SENDERS = ['MailSender', 'RunReport', ...REPORT_JOBS];

/** Logical id prefix of each function: routes under the HTTP API, consumers at the stack's root, jobs under Jobs. */
const prefixOf = (id: string) => (CONSUMERS.includes(id) ? `${id}Function` : REPORT_JOBS.includes(id) ? `Jobs${id}Function` : `Http${id}Function`);
/** The template holding the function. */
const templateOf = (s: Synthesized, id: string) => (IN_REPORTS_STACK.includes(id) ? s.reports : s.stateless);

function statementsOf(s: Synthesized, id: string): Statement[] {
  const t: Template = templateOf(s, id);
  const fns = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([logicalId]) => logicalId.startsWith(prefixOf(id)));
  expect(fns, id).toHaveLength(1);
  const roleId = (fns[0]![1] as Json).Properties.Role['Fn::GetAtt'][0] as string;
  return (Object.values(t.findResources('AWS::IAM::Policy')) as Json[])
    .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (s: Statement) => [s.Action].flat();
/** A CloudFormation string as one line: `Fn::Join` joined, `Ref` as `<name>`. */
const flat = (v: Json): string =>
  typeof v === 'string' ? v : v['Fn::Join'] ? (v['Fn::Join'][1] as Json[]).map(flat).join(v['Fn::Join'][0]) : v.Ref ? `<${v.Ref}>` : JSON.stringify(v);
const isStream = (s: Statement) => JSON.stringify(s.Resource).includes('StreamArn');

/** The table statements of a function, in the shape of `Expected` (the table ARN is a cross-stack output). */
function tableGrantsOf(s: Synthesized, id: string): Expected[] {
  return statementsOf(s, id)
    .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')) && !isStream(s))
    .map((s) => {
      const resource = JSON.stringify(s.Resource);
      // One statement may name several indexes (Query on GSI1 and GSI2): `index/GSI1+GSI2`.
      const index = [...resource.matchAll(/\/index\/([^"]+)"/g)].map((m) => m[1]).join('+') || undefined;
      const leadingKeys = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[] | undefined;
      return {
        actions: actionsOf(s).map((a) => a.replace(/^dynamodb:/, '')).sort(),
        on: index ? (`index/${index}` as const) : ('table' as const),
        ...(leadingKeys ? { leadingKeys } : {}),
      };
    });
}

describe('least privilege per function', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synthStage('dev');
    prod = synthStage('prod', {
      overrides: { customDomain: { domainName: 'tandem.example.org', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' } },
    });
  });

  it('covers every function of the stateless and reports stacks', () => {
    // The matching workflow's functions are covered by matching-workflow.test.ts, against their tableAccess.
    const functions = [
      ...Object.keys(dev.stateless.findResources('AWS::Lambda::Function')).filter((id) => !id.startsWith('Custom') && !id.startsWith('Matching')),
      ...Object.keys(dev.reports.findResources('AWS::Lambda::Function')),
    ];
    expect(functions).toHaveLength(Object.keys(EXPECTED).length);
    expect(Object.keys(EXPECTED)).toEqual(expect.arrayContaining([...ROUTES.map((r) => r.id), ...REPORT_JOBS]));
    expect(IN_REPORTS_STACK).toHaveLength(7);
  });

  it.each(Object.keys(EXPECTED))('%s: exactly the DynamoDB actions its use case performs', (id) => {
    expect(tableGrantsOf(dev, id)).toEqual(EXPECTED[id]);
    const stream = statementsOf(dev, id).filter(isStream);
    expect(stream.flatMap(actionsOf).sort()).toEqual(CONSUMERS.includes(id) ? STREAM_ACTIONS : []);
  });

  it('grants DeleteItem only to the mail consumer, in the effect ledger’s partition, and to the functions that take a mentor’s availability entries out in their transaction (a pause, an edit), BatchGetItem only to the back office’s lists and pages (names by id), and BatchWriteItem, DescribeTable to none', () => {
    // The import reads existing imports and address claims by key, in batches.
    const batchReaders = ['GetAttention', 'GetMentee', 'ListTandems', 'GetTandem', 'ListPartnerTandems', 'GetPartnerTandem', 'ExportPerson', 'ErasePerson', 'ImportProgramme'];
    for (const id of Object.keys(EXPECTED)) {
      const statements = statementsOf(dev, id);
      for (const s of statements) {
        for (const action of ['dynamodb:BatchWriteItem', 'dynamodb:DescribeTable', 'dynamodb:*']) expect(actionsOf(s), id).not.toContain(action);
        if (actionsOf(s).includes('dynamodb:BatchGetItem')) expect(batchReaders).toContain(id);
        if (actionsOf(s).includes('dynamodb:DeleteItem')) {
          // Closing a tandem frees the mentor's place (availability entries rewritten); an erasure deletes the address claim and a mentor's entries.
          expect(['MailSender', 'DecideProposal', 'UpdateMentor', 'ChangeMentorStatus', 'CloseTandem', 'ErasePerson']).toContain(id);
          if (id === 'MailSender') expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IDEMPOTENCY'] } });
        }
      }
    }
  });

  it('never grants Scan, in any policy of the stateful, stateless and reports stacks', () => {
    for (const stage of [dev, prod]) {
      for (const t of [stage.stateful, stage.stateless, stage.reports]) {
        const actions = (Object.values(t.findResources('AWS::IAM::Policy')) as Json[]).flatMap((p) =>
          (p.Properties.PolicyDocument.Statement as Statement[]).flatMap(actionsOf),
        );
        expect(actions.filter((a) => /^dynamodb:(Scan|\*)$/.test(a))).toEqual([]);
      }
    }
  });

  it.each(['dev', 'prod'] as const)('%s: SES sending only from the stage’s sender (ses:FromAddress), through its identity and configuration set', (stage) => {
    const config = loadStageConfig(stage);
    const synthesized = stage === 'dev' ? dev : prod;
    for (const id of Object.keys(EXPECTED)) {
      const ses = statementsOf(synthesized, id).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      if (!MAIL_SENDERS.includes(id)) {
        expect(ses, id).toEqual([]);
        continue;
      }
      expect(ses).toHaveLength(1);
      expect(actionsOf(ses[0]!)).toEqual(['ses:SendEmail']);
      expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': config.mailFrom } });
      const resources = JSON.stringify(ses[0]!.Resource);
      expect(resources).toContain(`:configuration-set/${config.sesConfigurationSetName}`);
      expect(resources).toContain(`:identity/${stage === 'dev' ? config.mailFrom : config.mailFrom.split('@')[1]}`);
    }
  });
  it.each(['dev', 'prod'] as const)('%s: S3 only for the functions with `reports`: GetObject and PutObject on the reports bucket’s objects, ListBucket on it, nothing else', (stage) => {
    const synthesized = stage === 'dev' ? dev : prod;
    const config = loadStageConfig(stage);
    // The bucket as the stateful stack names it (dev is environment-agnostic: the deployment's account and region).
    const bucket = `tandem-${stage}-reports-${config.account ?? '<AWS::AccountId>'}-${config.region ?? '<AWS::Region>'}`;
    const arn = `arn:${config.region ? 'aws' : '<AWS::Partition>'}:s3:::${bucket}`;
    const buckets = Object.values(synthesized.stateful.findResources('AWS::S3::Bucket')) as Json[];
    expect(buckets.map((b) => flat(b.Properties.BucketName))).toEqual([bucket]);
    for (const id of Object.keys(EXPECTED)) {
      const s3 = statementsOf(synthesized, id).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
      expect(s3.map((s) => ({ actions: actionsOf(s).sort(), resource: flat(s.Resource), condition: s.Condition })), id).toEqual(
        REPORT_READERS.includes(id)
          ? [
              { actions: ['s3:GetObject', 's3:PutObject'], resource: `${arn}/*`, condition: undefined },
              { actions: ['s3:ListBucket'], resource: arn, condition: undefined },
            ]
          : [],
      );
    }
  });
});
