import { Capture, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_CONSUMER_POLICY, OUTBOX_CONSUMERS, outboxStreamFilter, type OutboxConsumerName } from '../../shared/db/outbox-stream';
import { synthStage, type Synthesized } from './synth';

const CONSTRUCT_IDS: Record<OutboxConsumerName, string> = { jobs: 'OutboxJobs', mail: 'MailSender' };

describe('after-commit consumers (stateless stack)', () => {
  let dev: Synthesized;
  beforeAll(() => {
    dev = synthStage('dev');
  });

  /** The resources of one consumer construct, by logical id prefix. */
  const ofConsumer = (type: string, name: OutboxConsumerName) =>
    Object.entries(dev.stateless.findResources(type)).filter(([id]) => id.startsWith(CONSTRUCT_IDS[name]));
  const environmentOf = (name: OutboxConsumerName) =>
    ofConsumer('AWS::Lambda::Function', name)[0]![1].Properties.Environment.Variables as Record<string, unknown>;
  const statementsOf = (name: OutboxConsumerName) =>
    ofConsumer('AWS::IAM::Policy', name).flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);

  it.each(Object.keys(CONSTRUCT_IDS) as OutboxConsumerName[])(
    '%s: reads the table stream with its own filter, partial batch failures, bounded retries and its dead-letter queue',
    (name) => {
      const destination = new Capture();
      dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: OUTBOX_CONSUMER_POLICY.batchSize,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: OUTBOX_CONSUMER_POLICY.maxRetryAttempts,
        MaximumRecordAgeInSeconds: OUTBOX_CONSUMER_POLICY.maxRecordAgeSeconds,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: { Filters: [{ Pattern: Match.serializedJson(JSON.parse(JSON.stringify(outboxStreamFilter(OUTBOX_CONSUMERS[name].kinds)))) }] },
        DestinationConfig: { OnFailure: { Destination: destination } },
        EventSourceArn: Match.anyValue(),
      });
      const [queueId, queue] = ofConsumer('AWS::SQS::Queue', name)[0]!;
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      const mapping = ofConsumer('AWS::Lambda::EventSourceMapping', name)[0]![1];
      expect(JSON.stringify(mapping.Properties.DestinationConfig)).toContain(queueId);
    },
  );

  it('gives the jobs consumer the table only, and the mail consumer the table, mail and the signing key', () => {
    const jobs = environmentOf('jobs');
    expect(jobs).toHaveProperty('TABLE_NAME');
    expect(jobs).not.toHaveProperty('MAIL_TRANSPORT');
    expect(jobs).not.toHaveProperty('SIGNING_SECRET_ARN');
    expect(statementsOf('jobs').flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('ses:') || a.startsWith('secretsmanager:'))).toEqual([]);
    expect(environmentOf('mail')).toMatchObject({ TABLE_NAME: expect.anything(), MAIL_TRANSPORT: 'ses', SIGNING_KEY_SOURCE: 'secrets-manager', SITE_URL: expect.anything() });
    dev.stateless.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^After-commit consumer'), Timeout: OUTBOX_CONSUMER_POLICY.timeoutSeconds });
  });

  it.each(Object.keys(CONSTRUCT_IDS) as OutboxConsumerName[])('%s: reads the stream, sends to its own dead-letter queue, never scans', (name) => {
    const statements = statementsOf(name);
    const streamRead = statements.find((s) => [s.Action].flat().includes('dynamodb:GetRecords'))!;
    expect(JSON.stringify(streamRead.Resource)).toContain('StreamArn');
    const send = statements.find((s) => [s.Action].flat().includes('sqs:SendMessage'))!;
    expect(JSON.stringify(send.Resource)).toContain(`${CONSTRUCT_IDS[name]}DeadLetters`);
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('dynamodb:Scan');
  });

  it.each(['OutboxJobs', 'OutboxMail'])('alarms on %s: iterator age and dead letters, besides its errors', (id) => {
    for (const metric of ['IteratorAge', 'ApproximateNumberOfMessagesVisible', 'Errors']) {
      const alarms = Object.values(dev.stateless.findResources('AWS::CloudWatch::Alarm')).filter(
        (a) => a.Properties.MetricName === metric && JSON.stringify(a).includes(id),
      );
      expect(alarms.length, `${id} ${metric}`).toBeGreaterThanOrEqual(1);
    }
  });
});
