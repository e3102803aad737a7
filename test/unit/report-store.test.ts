/**
 * The ReportStore adapters without AWS: the memory one and the folder one (the local runtime) pass
 * the same contract; the folder one writes `<dir>/<period>/<file>` and links to the hub's
 * `/_local/reports/`; the S3 one sends the commands the bucket expects (keys, content types,
 * paging, a presigned download under the file's name), on a client whose `send` is a fake.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { fileReportStore } from '../../shared/adapters/file/report-store';
import { memoryReportStore } from '../../shared/adapters/memory/report-store';
import { s3ReportStore } from '../../shared/adapters/s3/report-store';
import { reportStoreContract } from '../contract/report-store.contract';

reportStoreContract('memory', async () => ({ store: memoryReportStore(), cleanup: async () => undefined }));

reportStoreContract('folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-reports-'));
  return { store: fileReportStore({ dir, siteUrl: 'http://localhost:3000' }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('the folder store', () => {
  it('writes <dir>/<period>/<file>, making folders, and links to the hub’s /_local/reports/', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'tandem-reports-')), 'nested', 'reports');
    const store = fileReportStore({ dir, siteUrl: 'http://localhost:3001/' });

    await store.put('2026-10', [{ name: 'report.json', contentType: 'application/json', body: '{"schema":1}' }]);

    expect(await readFile(join(dir, '2026-10', 'report.json'), 'utf8')).toBe('{"schema":1}');
    // No temporary file left behind.
    expect(await readdir(join(dir, '2026-10'))).toEqual(['report.json']);
    expect(await store.link('2026-10', 'report.json', 300)).toBe('http://localhost:3001/_local/reports/2026-10/report.json');
    expect(existsSync(join(dir, '..', 'report.json'))).toBe(false);
    await rm(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('lists nothing when the folder does not exist yet', async () => {
    expect(await fileReportStore({ dir: join(tmpdir(), `tandem-none-${Date.now()}`), siteUrl: 'http://localhost:3000' }).list()).toEqual([]);
  });
});

interface Sent {
  name: string;
  input: Record<string, unknown>;
}

/** A real S3 client (offline credentials) whose `send` records each command and answers `reply`. */
function fakeS3(reply: (command: { constructor: { name: string }; input: unknown }) => unknown) {
  const client = new S3Client({ region: 'eu-west-3', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' } });
  const sent: Sent[] = [];
  client.send = (async (command: { constructor: { name: string }; input: unknown }) => {
    sent.push({ name: command.constructor.name, input: command.input as Record<string, unknown> });
    const answer = reply(command);
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as S3Client['send'];
  return { client, sent };
}

const notFound = (name: string) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 404 } });

describe('the S3 store', () => {
  it('puts each file at <period>/<file> with its content type, leaving encryption to the bucket', async () => {
    const { client, sent } = fakeS3(() => ({}));
    await s3ReportStore(client, 'reports-bucket').put('2026-10', [
      { name: 'report.json', contentType: 'application/json', body: '{}' },
      { name: 'synthese.csv', contentType: 'text/csv; charset=utf-8', body: 'a;b' },
    ]);

    expect(sent).toEqual([
      { name: PutObjectCommand.name, input: { Bucket: 'reports-bucket', Key: '2026-10/report.json', Body: '{}', ContentType: 'application/json' } },
      { name: PutObjectCommand.name, input: { Bucket: 'reports-bucket', Key: '2026-10/synthese.csv', Body: 'a;b', ContentType: 'text/csv; charset=utf-8' } },
    ]);
  });

  it('reads a file’s bytes, and says absent on NoSuchKey / NotFound; other errors go through', async () => {
    let missing = false;
    const { client, sent } = fakeS3((command) => {
      if (missing) return command instanceof GetObjectCommand ? notFound('NoSuchKey') : notFound('NotFound');
      if (command instanceof GetObjectCommand) return { Body: { transformToByteArray: async () => new Uint8Array([1, 2, 3]) } };
      return {};
    });
    const store = s3ReportStore(client, 'b');

    expect(await store.get('2026-10', 'report.json')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.has('2026-10', 'report.json')).toBe(true);
    expect(sent.map((s) => [s.name, s.input])).toEqual([
      [GetObjectCommand.name, { Bucket: 'b', Key: '2026-10/report.json' }],
      [HeadObjectCommand.name, { Bucket: 'b', Key: '2026-10/report.json' }],
    ]);
    missing = true;
    expect(await store.get('2026-10', 'report.json')).toBeUndefined();
    expect(await store.has('2026-10', 'report.json')).toBe(false);
    expect(await store.link('2026-10', 'report.json', 300)).toBeUndefined();

    const { client: failing } = fakeS3(() => Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    await expect(s3ReportStore(failing, 'b').has('2026-10', 'report.json')).rejects.toThrow('denied');
  });

  it('lists every page (ListObjectsV2 continuation), grouped by period, skipping keys that are not report files', async () => {
    const at = new Date('2026-11-01T06:00:00Z');
    const { client, sent } = fakeS3((command) => {
      const token = (command.input as { ContinuationToken?: string }).ContinuationToken;
      if (!token)
        return {
          IsTruncated: true,
          NextContinuationToken: 'page-2',
          Contents: [
            { Key: '2026-09/report.json', Size: 10, LastModified: at },
            { Key: '2026-10/report.json', Size: 11, LastModified: at },
            { Key: 'stray.txt', Size: 1, LastModified: at },
          ],
        };
      return {
        IsTruncated: false,
        Contents: [
          { Key: '2026-10/mail.html', Size: 12, LastModified: at },
          { Key: '2026-10/sub/report.json', Size: 1, LastModified: at },
        ],
      };
    });

    const list = await s3ReportStore(client, 'b').list();

    expect(list).toEqual([
      {
        period: '2026-10',
        files: [
          { name: 'mail.html', size: 12, modifiedAt: at.toISOString() },
          { name: 'report.json', size: 11, modifiedAt: at.toISOString() },
        ],
      },
      { period: '2026-09', files: [{ name: 'report.json', size: 10, modifiedAt: at.toISOString() }] },
    ]);
    expect(sent.map((s) => s.input)).toEqual([{ Bucket: 'b' }, { Bucket: 'b', ContinuationToken: 'page-2' }]);
    expect(sent.every((s) => s.name === ListObjectsV2Command.name)).toBe(true);
  });

  it('links with a presigned GetObject that expires as asked and downloads under the file’s name', async () => {
    const { client } = fakeS3(() => ({}));

    const url = new URL((await s3ReportStore(client, 'reports-bucket').link('2026-10', 'rapport-2026-10.xlsx', 300))!);

    expect(url.protocol).toBe('https:');
    expect(url.hostname.startsWith('reports-bucket.')).toBe(true);
    expect(url.pathname).toBe('/2026-10/rapport-2026-10.xlsx');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="rapport-2026-10.xlsx"');
  });
});
