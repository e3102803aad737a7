import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages';
import { REPORT_NONCURRENT_VERSION_DAYS } from '../../infra/constructs/report-archive';
import { INDEX_NAMES, projectionOf, TABLE } from '../../shared/db/table';
import { synthStage, type Synthesized } from './synth';

describe('stateful stack', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synthStage('dev');
    prod = synthStage('prod');
  });

  it('builds the table from shared/db/table.ts: keys, every GSI with its projection, TTL, the NEW_IMAGE stream', () => {
    // Arrange: the key schema the code uses.
    const gsis = INDEX_NAMES.map((name) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: TABLE.indexes[name].partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.indexes[name].sortKey, KeyType: 'RANGE' },
      ],
      Projection: projectionOf(name),
    }));
    // Assert
    dev.stateful.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    dev.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Match.arrayWith(gsis.map((g) => Match.objectLike(g))),
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: TABLE.stream.viewType },
    });
    const table = Object.values(dev.stateful.findResources('AWS::DynamoDB::GlobalTable'))[0]!;
    expect(table.Properties.GlobalSecondaryIndexes).toHaveLength(INDEX_NAMES.length);
  });

  it('enables point-in-time recovery and encryption at rest with the AWS-managed KMS key', () => {
    dev.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('uses a rotated customer-managed key only when the stage asks for it', () => {
    const cmk = synthStage('dev', { overrides: { customerManagedTableKey: true, region: 'eu-west-3' } });
    cmk.stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    cmk.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ SSESpecification: { KMSMasterKeyId: Match.anyValue() } })],
    });
    dev.stateful.resourceCountIs('AWS::KMS::Key', 0);
  });

  it('protects and retains the table in prod, not in dev', () => {
    prod.stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
      }),
    });
    dev.stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })],
      }),
    });
  });

  it('has a user pool without self sign-up, with required TOTP MFA, and the groups admin and partner', () => {
    dev.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    for (const group of ['admin', 'partner']) {
      dev.stateful.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
    dev.stateful.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    prod.stateful.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('generates the link-signing key in Secrets Manager (no value in the template)', () => {
    dev.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      SecretString: Match.absent(),
    });
    prod.stateful.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });
  describe('the reports bucket', () => {
    // Synthesized CloudFormation is untyped JSON.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const bucketOf = (t: Synthesized['stateful']): [string, any] => {
      const buckets = Object.entries(t.findResources('AWS::S3::Bucket'));
      expect(buckets).toHaveLength(1);
      return buckets[0]!;
    };

    it('is encrypted with S3-managed keys, versioned, with every public access blocked and objects owned by the bucket (no ACLs)', () => {
      const [, bucket] = bucketOf(dev.stateful);
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    });

    it('expires report files after the stage’s retention and replaced versions after 30 days', () => {
      for (const [stage, synthesized] of [['dev', dev], ['prod', prod]] as const) {
        const [, bucket] = bucketOf(synthesized.stateful);
        const rules = bucket.Properties.LifecycleConfiguration.Rules;
        expect(rules).toContainEqual(
          expect.objectContaining({
            Status: 'Enabled',
            ExpirationInDays: loadStageConfig(stage).reports.retentionDays,
            NoncurrentVersionExpiration: { NoncurrentDays: REPORT_NONCURRENT_VERSION_DAYS },
          }),
        );
        expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', ExpiredObjectDeleteMarker: true }));
      }
      expect(loadStageConfig('prod').reports.retentionDays).toBe(3 * 365);
      expect(REPORT_NONCURRENT_VERSION_DAYS).toBe(30);
      const shorter = synthStage('dev', { overrides: { reports: { ...loadStageConfig('dev').reports, retentionDays: 400 } } });
      expect(bucketOf(shorter.stateful)[1].Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(400);
    });

    it('refuses every request without TLS', () => {
      const [id] = bucketOf(dev.stateful);
      const policies = Object.values(dev.stateful.findResources('AWS::S3::BucketPolicy')).filter((p) => p.Properties.Bucket.Ref === id);
      expect(policies).toHaveLength(1);
      expect(policies[0]!.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('is retained in prod, deleted with a dev stack', () => {
      prod.stateful.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      dev.stateful.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    });
  });
});
