import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { INDEX_NAMES, projectionOf, TABLE } from '../../shared/db/table';

export interface SingleTableProps {
  /**
   * Refuse deletion of the table, even by CloudFormation.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * What happens to the table (and its key) when it leaves the stack.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Encrypt with a customer-managed KMS key (rotated yearly) instead of the AWS-managed `aws/dynamodb`
   * key. Both encrypt at rest and log key use in CloudTrail; the customer key adds control over its
   * policy at about $1 a month plus requests, so it is opt-in.
   * @default false
   */
  readonly customerManagedKey?: boolean;
}

/**
 * Item-level actions a reader needs. No `Scan`: no request path may scan (brief §13), and IAM enforces
 * it. Transactions need no action of their own: each item of a transaction is checked against these.
 */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;
/** What a writer needs on top of reading. */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] as const;

/** What a function with a `table:*` capability needs: the table name and scoped grants. */
export interface TableBinding {
  readonly tableName: string;
  /** The table itself, for its change stream (the after-commit consumer's event source). */
  readonly table: ITableV2;
  grantRead(grantee: IGrantable): void;
  grantReadWrite(grantee: IGrantable): void;
}

/** The same projection as `createTableInput` gives DynamoDB Local, in CDK's terms. */
function projection(name: (typeof INDEX_NAMES)[number]) {
  const p = projectionOf(name);
  return p.ProjectionType === 'INCLUDE'
    ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: p.NonKeyAttributes ?? [] }
    : { projectionType: ProjectionType[p.ProjectionType] };
}

/**
 * The one DynamoDB table, built from the same definition (`shared/db/table.ts`) that creates the
 * DynamoDB Local table, so keys, indexes and TTL cannot drift between the cloud and this machine.
 * On-demand billing (near zero when idle, scales without planning) and point-in-time recovery.
 */
export class SingleTable extends Construct implements TableBinding {
  readonly table: ITableV2;
  private readonly key: Key | undefined;

  constructor(scope: Construct, id: string, props: SingleTableProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const key = (name: string) => ({ name, type: AttributeType.STRING });

    this.key = props.customerManagedKey
      ? new Key(this, 'Key', { enableKeyRotation: true, removalPolicy, description: 'Tandem single table' })
      : undefined;
    const encryption = this.key ? TableEncryptionV2.customerManagedKey(this.key) : TableEncryptionV2.awsManagedKey();

    this.table = new TableV2(this, 'Table', {
      partitionKey: key(TABLE.partitionKey),
      sortKey: key(TABLE.sortKey),
      globalSecondaryIndexes: INDEX_NAMES.map((indexName) => ({
        indexName,
        partitionKey: key(TABLE.indexes[indexName].partitionKey),
        sortKey: key(TABLE.indexes[indexName].sortKey),
        ...projection(indexName),
      })),
      dynamoStream: StreamViewType[TABLE.stream.viewType],
      timeToLiveAttribute: TABLE.ttlAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption,
      deletionProtection: props.deletionProtection ?? false,
      removalPolicy,
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /** Read items of the table and of each named index (no `index/*` wildcard, no Scan). */
  grantRead(grantee: IGrantable): void {
    this.grant(grantee, TABLE_READ_ACTIONS);
    this.key?.grantDecrypt(grantee);
  }

  /** Read and write items of the table and its indexes (no table administration, no Scan). */
  grantReadWrite(grantee: IGrantable): void {
    this.grant(grantee, [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]);
    this.key?.grantEncryptDecrypt(grantee);
  }

  private grant(grantee: IGrantable, actions: readonly string[]): void {
    const arn = this.table.tableArn;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: [arn, ...INDEX_NAMES.map((name) => `${arn}/index/${name}`)] }),
    );
  }
}
