/**
 * ReportStore on the reports bucket (docs/reports.md, infra: SSE-S3 by the bucket's default,
 * versioned, expired by lifecycle): keys `<period>/<name>`. Listing pages through ListObjectsV2 and
 * groups keys by period; links are presigned GetObject URLs that download the file under its name.
 * The client is injected (the wiring adds the error translation, aws-errors.ts, so throttling and
 * outages arrive as ServiceUnavailableError); "no such key" is an answer here, not an error.
 */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ReportFile, ReportStore, StoredReport } from '../../ports/report-store';
import { assertReportFileName, isReportFileName, newestPeriodFirst } from '../report-store-names';

/** Signs a GetObject for `expiresIn` seconds (tests replace it; the default signs with the client's credentials, offline). */
export type Presign = (client: S3Client, command: GetObjectCommand, options: { expiresIn: number }) => Promise<string>;

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

const keyOf = (period: string, name: string) => {
  assertReportFileName(period, name);
  return `${period}/${name}`;
};

export function s3ReportStore(client: S3Client, bucket: string, options: { presign?: Presign } = {}): ReportStore {
  const presign: Presign = options.presign ?? ((c, command, o) => getSignedUrl(c, command, o));
  const has = async (period: string, name: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(period, name) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };
  return {
    async put(period, files: readonly ReportFile[]) {
      for (const f of files) keyOf(period, f.name);
      for (const f of files) {
        // Encryption: the bucket's default (SSE-S3), not restated per object.
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(period, f.name), Body: f.body, ContentType: f.contentType }));
      }
    },
    async get(period, name) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(period, name) }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    has,
    async list() {
      const byPeriod = new Map<string, StoredReport>();
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }));
        for (const object of page.Contents ?? []) {
          const [period, name, ...rest] = (object.Key ?? '').split('/');
          if (period === undefined || name === undefined || rest.length > 0 || !isReportFileName(period, name)) continue;
          const report = byPeriod.get(period) ?? { period, files: [] };
          report.files.push({ name, size: object.Size ?? 0, modifiedAt: (object.LastModified ?? new Date(0)).toISOString() });
          byPeriod.set(period, report);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      for (const report of byPeriod.values()) report.files.sort((a, b) => a.name.localeCompare(b.name));
      return [...byPeriod.values()].sort(newestPeriodFirst);
    },
    async link(period, name, expiresInSeconds) {
      if (!(await has(period, name))) return undefined;
      const command = new GetObjectCommand({ Bucket: bucket, Key: keyOf(period, name), ResponseContentDisposition: `attachment; filename="${name}"` });
      return presign(client, command, { expiresIn: expiresInSeconds });
    },
  };
}
