import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TypeOrmMonitoringStore } from '../../adapters/monitoring/TypeOrmMonitoringStore.js';
import { parseDatabaseUrl } from '../../adapters/monitoring/typeorm/parseDatabaseUrl.js';
import { VisualizerServer } from '../../adapters/visualizer/VisualizerServer.js';

/** The default database: where monitoring writes by default (config runDir 'runinfo'). */
export const DEFAULT_DATABASE = 'sqlite:///runinfo/monitoring.db';

const HELP = `Usage: parsl-ts visualize [DATABASE_URL] [--listen ADDRESS] [--port PORT] [--allow-remote]

Serves the monitoring web UI for the runs recorded in a monitoring database.

  DATABASE_URL     sqlite:///relative/path.db, sqlite:////absolute/path.db, a plain file path,
                   or postgresql://user:password@host:5432/db
                   (default: ${DEFAULT_DATABASE})
  --listen ADDRESS address to listen on (default 127.0.0.1)
  --port PORT      TCP port (default 8080)
  --allow-remote   required to listen on a non-loopback address such as 0.0.0.0: the pages show
                   task names, hosts and paths to anyone who can reach the port. Prefer an SSH
                   tunnel: ssh -L 50000:127.0.0.1:8080 user@cluster
  -h, --help       show this help

Stop it with Ctrl-C.`;

/** Parsed command line of `parsl-ts visualize`. */
export interface VisualizeArgs {
  readonly database: string;
  readonly listen: string;
  readonly port: number;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export const isLoopback = (address: string): boolean =>
  address === 'localhost' ||
  address === '::1' ||
  (isIP(address) === 4 && address.startsWith('127.'));

/**
 * Parses the arguments; returns 'help' for --help.
 * @throws {Error} with a message naming the bad option
 */
export const parseVisualizeArgs = (argv: string[]): VisualizeArgs | 'help' => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      listen: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      'allow-remote': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help === true) return 'help';
  if (positionals.length > 1) {
    throw new Error(
      `expected at most one DATABASE_URL, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  const listen = values.listen ?? '127.0.0.1';
  if (!isLoopback(listen) && values['allow-remote'] !== true) {
    throw new Error(
      `--listen ${listen} would publish the monitoring pages beyond this machine. Add --allow-remote if that is intended (check your site's policy), or use an SSH tunnel to 127.0.0.1.`,
    );
  }
  const database = positionals[0] ?? DEFAULT_DATABASE;
  parseDatabaseUrl(database, 'DATABASE_URL');
  return { database, listen, port };
};

/** Where the command writes and how it is stopped (tests pass their own). */
export interface VisualizeIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Stops the server; by default SIGINT or SIGTERM. */
  readonly signal?: AbortSignal;
  /** Called with the URL once the server listens. */
  readonly onListening?: (url: string) => void;
}

/** `parsl-ts visualize`: serves the UI until interrupted; resolves with the exit code. */
export const run = async (
  argv: string[],
  io: VisualizeIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> => {
  let args: VisualizeArgs | 'help';
  try {
    args = parseVisualizeArgs(argv);
  } catch (error: unknown) {
    io.stderr.write(
      `parsl-ts visualize: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}\n`,
    );
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const location = parseDatabaseUrl(args.database, 'DATABASE_URL');
  if (
    location.kind === 'sqlite' &&
    location.path !== ':memory:' &&
    !existsSync(resolve(location.path))
  ) {
    io.stderr.write(
      `parsl-ts visualize: no monitoring database at ${resolve(location.path)}. Run a workflow with monitoring enabled first, or pass the database URL.\n`,
    );
    return 1;
  }
  const store = new TypeOrmMonitoringStore({ url: args.database });
  const server = new VisualizerServer(store, { host: args.listen, port: args.port });
  try {
    await store.open();
    const url = await server.start();
    io.stdout.write(`parsl-ts visualize: serving ${store.location} at ${url}/ (Ctrl-C to stop)\n`);
    io.onListening?.(url);
    await waitForStop(io.signal);
    return 0;
  } catch (error: unknown) {
    io.stderr.write(
      `parsl-ts visualize: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    await server.close();
    await store.close();
  }
};

const waitForStop = (signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolvePromise) => {
    if (signal !== undefined) {
      if (signal.aborted) resolvePromise();
      signal.addEventListener('abort', () => resolvePromise(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolvePromise();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
