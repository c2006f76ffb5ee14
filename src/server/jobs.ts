/**
 * The jobs the portal hands to its worker threads (job-pool.ts): checking an uploaded document
 * through the one check path, and rendering a disclosure as PDF or XLSX. `handle` runs in a
 * worker; `runJob` runs a job in the pool when the portal has one, in this thread otherwise (tests
 * that drive the app without a server, and embedders).
 */
import type { Disclosure } from '../core/disclosure.ts';
import { UserError } from '../core/user-error.ts';
import { checkFiles } from '../pipeline/load-for-check.ts';
import type { Finding } from '../rules/index.ts';
import type { PublishedVersion } from '../store/store.ts';
import type { JobPool } from './job-pool.ts';
import { withTempFile, type UploadKind } from './upload.ts';

export type Job =
  | { kind: 'check'; name: string; type: UploadKind; bytes: Uint8Array }
  | { kind: 'render'; format: 'pdf' | 'xlsx'; disclosure: Disclosure }
  /** A published version's data package as zip bytes (the oversight export, one unit a job). */
  | { kind: 'package'; version: PublishedVersion };

export interface CheckedDocument {
  disclosure?: Disclosure;
  findings: Finding[];
  problems: string[];
}

export async function handle(job: Job): Promise<CheckedDocument | Uint8Array> {
  if (job.kind === 'package') return (await import('./package-archive.ts')).packageZip(job.version, { documents: false });
  if (job.kind === 'render') {
    const { renderPdf, renderXlsx } = await import('./engines.ts');
    return job.format === 'pdf' ? renderPdf(job.disclosure) : renderXlsx(job.disclosure);
  }
  try {
    const upload = { name: job.name, kind: job.type, bytes: Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.length) };
    const r = await withTempFile(upload, async (path) => {
      try {
        return await checkFiles([path]);
      } catch (e) {
        // The temporary file's path is ours, not the user's: the upload's name instead.
        if (e instanceof Error) e.message = e.message.split(path).join(`“${job.name}”`);
        throw e;
      }
    });
    return { disclosure: r.disclosure, findings: r.findings, problems: r.problems };
  } catch (e) {
    // The page names the uploaded file already, so a problem's leading “name”： is dropped.
    if (e instanceof UserError)
      return {
        findings: [],
        problems: e.message
          .replace(/^“[^”]*”[:：]\s*/, '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      };
    throw e;
  }
}

/** Runs the job in the pool (the upload's bytes are moved, not copied), or here without one. */
export async function runJob<R extends CheckedDocument | Uint8Array>(pool: JobPool | undefined, job: Job): Promise<R> {
  if (!pool) return (await handle(job)) as R;
  const transfer = job.kind === 'check' && job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength ? [job.bytes.buffer as ArrayBuffer] : [];
  return pool.run<R>(job, transfer);
}
