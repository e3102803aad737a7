/**
 * Where report files are kept (docs/reports.md): the reports bucket in AWS (encrypted, versioned,
 * expired by lifecycle), `.local/reports/` on this machine. A report's files live under its period
 * (`2026-10/report.json`); the weekly digest under its ISO week (`2026-W49/digest.html`).
 */

export interface ReportFile {
  /** File name, no folder: `report.json`, `rapport-2026-10.xlsx`, `par-partenaire.csv`. */
  name: string;
  contentType: string;
  body: Uint8Array | string;
}

export interface StoredFile {
  name: string;
  size: number;
  modifiedAt: string;
}

export interface StoredReport {
  /** `2026-10`, `2026` or `2026-W49`. */
  period: string;
  files: StoredFile[];
}

export interface ReportStore {
  /** Writes (or replaces) the files of a period. */
  put(period: string, files: readonly ReportFile[]): Promise<void>;
  /** The file's content, `undefined` when absent. */
  get(period: string, name: string): Promise<Uint8Array | undefined>;
  /** True when the file exists (a job's "already done" check). */
  has(period: string, name: string): Promise<boolean>;
  /** Every stored period with its files, newest period first. */
  list(): Promise<StoredReport[]>;
  /**
   * A short-lived download link to the file (an S3 presigned URL; locally the hub's
   * `/_local/reports/<period>/<name>`), `undefined` when the file does not exist.
   */
  link(period: string, name: string, expiresInSeconds: number): Promise<string | undefined>;
}
