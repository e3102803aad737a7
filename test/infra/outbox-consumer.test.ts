import { Capture, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_CONSUMER_POLICY, OUTBOX_STREAM_FILTER } from '../../shared/db/outbox-stream';
import { synthStage, type Synthesized } from './synth';

describe('after-commit consumer (stateless stack)', () => {
  let dev: Synthesized;
  beforeAll(() => {
    dev = synthStage('dev');
  });

  it('reads the table stream with the shared filter, partial batch failures, bounded retries and a dead-letter queue', () => {
    const destination = new Capture();
    dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: OUTBOX_CONSUMER_POLICY.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: OUTBOX_CONSUMER_POLICY.maxRetryAttempts,
      MaximumRecordAgeInSeconds: OUTBOX_CONSUMER_POLICY.maxRecordAgeSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: Match.serializedJson(JSON.parse(JSON.stringify(OUTBOX_STREAM_FILTER))) }] },
      DestinationConfig: { OnFailure: { Destination: destination } },
      EventSourceArn: Match.anyValue(),
    });
    const queues = dev.stateless.findResources('AWS::SQS::Queue');
    const [queueId] = Object.keys(queues);
    expect(JSON.stringify(destination.asObject())).toContain(queueId);
    expect(queues[queueId!]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('runs the consumer module with the table, mail and signing-key environment, and a timeout from the policy', () => {
    dev.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^After-commit consumer'),
      Timeout: OUTBOX_CONSUMER_POLICY.timeoutSeconds,
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), MAIL_TRANSPORT: 'ses', SIGNING_KEY_SOURCE: 'secrets-manager', SITE_URL: Match.anyValue() }),
      },
    });
  });

  it('lets the consumer read the stream and send to its dead-letter queue, nothing broader', () => {
    const policies = Object.values(dev.stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p).includes('dynamodb:GetRecords'),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>;
    const streamRead = statements.find((s) => [s.Action].flat().includes('dynamodb:GetRecords'))!;
    expect(JSON.stringify(streamRead.Resource)).toContain('StreamArn');
    const send = statements.find((s) => [s.Action].flat().includes('sqs:SendMessage'))!;
    expect(JSON.stringify(send.Resource)).toContain('DeadLetters');
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('dynamodb:Scan');
  });

  it('alarms on the consumer: iterator age and dead letters, besides its errors', () => {
    for (const metric of ['IteratorAge', 'ApproximateNumberOfMessagesVisible', 'Errors']) {
      const alarms = Object.values(dev.stateless.findResources('AWS::CloudWatch::Alarm')).filter(
        (a) => a.Properties.MetricName === metric && JSON.stringify(a).includes('OutboxConsumer'),
      );
      expect(alarms.length, metric).toBeGreaterThanOrEqual(1);
    }
  });
});
