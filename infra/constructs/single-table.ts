import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_WRITE_ACTIONS, type TableAccess } from '../../shared/db/table-access';
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

/** What a function with the `table` capability needs: the table name and its declared grants. */
export interface TableBinding {
  readonly tableName: string;
  /** The table itself, for its change stream (the after-commit consumer's event source). */
  readonly table: ITableV2;
  /** One statement per grant of `access`: its actions only, on the table or the one index it queries. */
  grantAccess(grantee: IGrantable, access: TableAccess): void;
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

  /**
   * The declared actions and nothing else: item actions on the table's ARN, Query on the ARN of
   * each index queried (named, never `index/*`), `dynamodb:LeadingKeys` where declared. No Scan
   * (not a declarable action), no DescribeTable or other table administration.
   */
  grantAccess(grantee: IGrantable, access: TableAccess): void {
    const arn = this.table.tableArn;
    for (const grant of access) {
      if (grant.actions.length === 0) continue;
      const leadingKeys = 'leadingKeys' in grant ? grant.leadingKeys : undefined;
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: [...new Set(grant.actions)].map((action) => `dynamodb:${action}`),
          resources: ['index' in grant ? `${arn}/index/${grant.index}` : arn],
          ...(leadingKeys?.length ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] } } } : {}),
        }),
      );
    }
    const writes = access.some((grant) => grant.actions.some((action) => TABLE_WRITE_ACTIONS.includes(action)));
    if (writes) this.key?.grantEncryptDecrypt(grantee);
    else this.key?.grantDecrypt(grantee);
  }
}
