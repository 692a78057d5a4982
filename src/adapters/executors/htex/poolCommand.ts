import { isIP } from 'node:net';
import { entryCommand } from './entryPoints.js';

/** What goes into a pool's command line. */
export interface PoolCommandInput {
  readonly address: string;
  readonly port: number;
  readonly maxWorkers: number | undefined;
  readonly coresPerWorker: number | undefined;
  readonly memPerWorker: number | undefined;
  readonly prefetchCapacity: number;
  readonly heartbeatPeriod: number;
  readonly heartbeatThreshold: number;
  readonly drainPeriod: number | undefined;
  readonly certDir: string | undefined;
  readonly logDir: string;
  readonly debug: boolean;
  readonly workingDir: string | undefined;
  /** The interchange's ipc endpoint and this host's name: pools on this host use it. */
  readonly ipc: { readonly endpoint: string; readonly host: string } | undefined;
}

/** Quotes a word for POSIX sh. */
export const shellQuote = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * The shell command that starts one worker pool; `{block_id}` is left for the executor to fill per
 * block. It runs the pool entry with this Node binary, so blocks on this host need no PATH setup.
 * Parsl: HighThroughputExecutor.launch_cmd
 */
export const buildPoolCommand = (input: PoolCommandInput): string => {
  const words = [
    ...entryCommand('workerPoolMain'),
    '--addresses',
    input.address,
    '--port',
    String(input.port),
    '--block-id',
    '{block_id}',
    '--prefetch-capacity',
    String(input.prefetchCapacity),
    '--heartbeat-period',
    String(input.heartbeatPeriod),
    '--heartbeat-threshold',
    String(input.heartbeatThreshold),
    '--logdir',
    input.logDir,
  ];
  if (input.maxWorkers !== undefined && Number.isFinite(input.maxWorkers))
    words.push('--max-workers', String(input.maxWorkers));
  if (input.coresPerWorker !== undefined)
    words.push('--cores-per-worker', String(input.coresPerWorker));
  if (input.memPerWorker !== undefined) words.push('--mem-per-worker', String(input.memPerWorker));
  if (input.drainPeriod !== undefined) words.push('--drain-period', String(input.drainPeriod));
  if (input.certDir !== undefined) words.push('--cert-dir', input.certDir);
  if (input.workingDir !== undefined) words.push('--working-dir', input.workingDir);
  if (input.ipc !== undefined)
    words.push('--ipc', input.ipc.endpoint, '--ipc-host', input.ipc.host);
  if (input.debug) words.push('--debug');
  return words.map((w) => (w === '{block_id}' ? w : shellQuote(w))).join(' ');
};

/** True for addresses only this host can reach (no encryption needed). */
export const isLoopbackAddress = (address: string): boolean =>
  address === 'localhost' || address === '::1' || address.startsWith('127.');

/** Where the interchange binds for pools: the loopback, the given IP, or every interface for a hostname. */
export const poolBindHost = (address: string): string =>
  isLoopbackAddress(address) ? '127.0.0.1' : isIP(address) !== 0 ? address : '*';
