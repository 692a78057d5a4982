import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TransferFailure, withRetry } from '../transfer/RetryPolicy.js';
import { toTransferError } from '../transfer/toTransferError.js';

/** URL of this module, for in-task steps that name it. */
export const RSYNC_STEP_MODULE = import.meta.url;

/** Arguments of {@link rsyncStep} (JSON, shipped to the worker). */
export interface RsyncStepArgs {
  /** 'in': remote -> localPath; 'out': localPath -> remote. */
  readonly direction: 'in' | 'out';
  /** `user@host` prefix. */
  readonly hostname: string;
  /** Absolute path on the submit host. */
  readonly remotePath: string;
  /** Path on the worker. */
  readonly localPath: string;
  /** Remote shell (`rsync -e`), e.g. `ssh -p 2222 -i key`; null for rsync's default. */
  readonly rsh: string | null;
  readonly rsyncPath: string;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  /** The file's URL, for error messages. */
  readonly url: string;
}

/** rsync exit codes worth another attempt: socket/protocol I/O, timeouts, ssh connection failures. */
const TRANSIENT_EXIT = new Set([10, 12, 30, 35, 255]);

const runRsync = (rsyncPath: string, argv: readonly string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(rsyncPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const text = stderr.trim().split('\n').slice(-2).join(' | ');
        reject(
          new TransferFailure(
            `rsync exited with code ${code}: ${text}`,
            TRANSIENT_EXIT.has(code ?? -1),
          ),
        );
      }
    });
  });

/**
 * Runs rsync on the worker, inside the task: pulls the submit host's file before the app or
 * pushes the output back after it. rsync writes to a temporary name and renames, and checks the
 * whole-file checksum itself.
 * @throws {StagingTransferError}
 */
export const rsyncStep = async (args: RsyncStepArgs): Promise<void> => {
  const remote = `${args.hostname}:${args.remotePath}`;
  const rsh = args.rsh === null ? [] : ['-e', args.rsh];
  const argv =
    args.direction === 'in'
      ? [...rsh, '--times', remote, args.localPath]
      : [...rsh, '--times', '--mkpath', args.localPath, remote];
  try {
    if (args.direction === 'in') await mkdir(dirname(args.localPath), { recursive: true });
    await withRetry(() => runRsync(args.rsyncPath, argv), {
      retries: args.retries,
      baseDelayMs: args.retryBaseDelayMs,
      maxDelayMs: 5000,
    });
  } catch (error: unknown) {
    const operation = args.direction === 'in' ? 'replaceTask' : 'replaceTaskStageOut';
    const action =
      args.direction === 'in'
        ? `rsync ${remote} -> ${args.localPath}`
        : `rsync ${args.localPath} -> ${remote}`;
    throw toTransferError(`RsyncStaging.${operation}`, args.url, action, error);
  }
};
