/**
 * The reports bucket (docs/reports.md « In AWS »): where the monthly reports and weekly digests are
 * kept, keys `<period>/<file>` (shared/adapters/s3/report-store.ts). It holds data, so it lives in
 * the stateful stack; the reports stack's functions bind to it through the `reports` capability.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Replaced versions of a report (a period produced again) are kept this long, then expire. */
export const REPORT_NONCURRENT_VERSION_DAYS = 30;

/** What the S3 report store calls (GetObject also covers HeadObject and the presigned links), on the objects. */
export const REPORTS_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'] as const;
/** On the bucket: the listing (with it, a missing key is a 404 rather than a 403). */
export const REPORTS_BUCKET_ACTIONS = ['s3:ListBucket'] as const;

/**
 * The bucket's name, spelled from the stage and the stack's account and region (tokens in an
 * environment-agnostic stage): globally unique, and known to other stacks without a cross-stack
 * reference (see {@link ReportsBucketBinding}).
 */
export const reportsBucketName = (stage: string, account: string, region: string) => `tandem-${stage}-reports-${account}-${region}`;

/** What the `reports` capability binds to (as TableBinding for the table). */
export interface ReportsBucketBinding {
  readonly bucketName: string;
  /**
   * {@link REPORTS_OBJECT_ACTIONS} on its objects and {@link REPORTS_BUCKET_ACTIONS} on it: read,
   * write, list, nothing else (no delete, no ACL, no other bucket).
   */
  grantReportAccess(grantee: IGrantable & { addToRolePolicy(statement: PolicyStatement): void }): void;
}

export interface ReportArchiveProps {
  /** Stage name, in the bucket's name. */
  readonly stage: string;
  /** Days a report file is kept after it is written (stage config `reports.retentionDays`). */
  readonly retentionDays: number;
  /**
   * What happens to the bucket when it leaves the template. With DESTROY, CloudFormation deletes it
   * only when empty: a throw-away stage is emptied first (no auto-delete custom resource).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** A CloudFormation value as cdk-nag names it in a finding (`arn:<AWS::Partition>:s3:::…`). */
function nagSpelling(node: unknown): string {
  if (typeof node === 'string') return node;
  const o = node as { 'Fn::Join'?: [string, unknown[]]; Ref?: string };
  if (o['Fn::Join']) return o['Fn::Join'][1].map(nagSpelling).join(o['Fn::Join'][0]);
  if (o.Ref) return `<${o.Ref}>`;
  return JSON.stringify(node);
}

/**
 * A private bucket: SSE-S3 encryption by default (no KMS key: presigned links then need no key
 * grant and the bucket no key fee), versioning (a period produced again keeps the previous files
 * for {@link REPORT_NONCURRENT_VERSION_DAYS} days), all public access blocked, bucket-owner objects
 * (no ACLs), TLS only, every file expired after `retentionDays`.
 *
 * Other stacks bind to it through {@link ReportsBucketBinding}: its ARN is spelled from its name,
 * not exported. cdk-nag cannot name a finding on an imported value (`Fn::GetStackOutput`), so an
 * exported ARN would leave the `<bucket>/*` grant unacknowledgeable; the reports stack depends on the
 * stateful stack, which creates the bucket first.
 */
export class ReportArchive extends Construct implements ReportsBucketBinding {
  readonly bucket: Bucket;
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: ReportArchiveProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucketName = reportsBucketName(props.stage, stack.account, stack.region);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [
        {
          id: 'ExpireReports',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(REPORT_NONCURRENT_VERSION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // An expired file leaves a delete marker; once its older versions are gone too, drop the marker
        // (S3 refuses this flag in a rule that also expires by age, hence a rule of its own).
        { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only the reports functions read and write it (their roles; download links are presigned by them, per admin request in the API access logs and function logs); server access logs would keep downloaders\u2019 IP addresses (personal data) in a second bucket for no further audit.',
    });
  }

  grantReportAccess(grantee: IGrantable & { addToRolePolicy(statement: PolicyStatement): void }): void {
    // Spelled from the name with pseudo parameters only: no reference to this stack's resources.
    const bucketArn = `arn:${Stack.of(this).partition}:s3:::${this.bucketName}`;
    const objectsArn = `${bucketArn}/*`;
    grantee.addToRolePolicy(new PolicyStatement({ actions: [...REPORTS_OBJECT_ACTIONS], resources: [objectsArn] }));
    grantee.addToRolePolicy(new PolicyStatement({ actions: [...REPORTS_BUCKET_ACTIONS], resources: [bucketArn] }));
    const role = grantee.grantPrincipal;
    if (!Construct.isConstruct(role)) throw new Error('grantReportAccess: the grantee’s principal must be a role of this app');
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagSpelling(Stack.of(role).resolve(objectsArn))}]`,
      reason: 'Report files are keyed <period>/<file>, written as periods come: GetObject and PutObject on this bucket’s objects only (no delete), ListBucket on the bucket.',
    });
  }
}
