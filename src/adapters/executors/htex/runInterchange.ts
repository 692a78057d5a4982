import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openHtexLog } from './htexLog.js';
import { Interchange, type InterchangeConfig, type InterchangePorts } from './Interchange.js';

/** The JSON document an interchange process is started with. */
export interface InterchangeLaunch extends InterchangeConfig {
  /** Where to log; absent = stderr. */
  readonly logFile?: string;
  readonly debug?: boolean;
}

export const INTERCHANGE_HELP = `Usage: parsl-ts interchange [--config FILE]

Runs a HighThroughputExecutor interchange: the proxy between one executor and its worker pools.
The executor normally starts it and writes its settings as one JSON line on stdin; with --config
they are read from FILE instead. Once listening it prints one JSON line on stdout:
  {"clientPort": N, "workerPort": M}
It exits when stdin closes (the executor went away) or on SIGTERM/SIGINT.

Settings (JSON keys): clientHost, interchangePortRange [lo,hi], workerHost, workerPort,
workerPortRange [lo,hi], heartbeatThreshold (s), certDir (CurveZMQ keys), ipcDir, logFile, debug,
clientFd (the executor's socket pair; without it the executor connects to clientPort).

Options:
  --config FILE   read the settings from FILE instead of stdin
  -h, --help      show this help`;

/** `parsl-ts interchange …`: resolves with the process exit code once the interchange stops. */
export const runInterchange = async (argv: readonly string[]): Promise<number> => {
  let values: { config?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error: unknown) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${INTERCHANGE_HELP}\n`,
    );
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(`${INTERCHANGE_HELP}\n`);
    return 0;
  }
  let launch: InterchangeLaunch;
  try {
    const text =
      values.config === undefined ? await readFirstLine() : readFileSync(values.config, 'utf8');
    launch = JSON.parse(text) as InterchangeLaunch;
  } catch (error: unknown) {
    process.stderr.write(
      `interchange: cannot read its JSON settings (${error instanceof Error ? error.message : String(error)}). See --help.\n`,
    );
    return 2;
  }
  const log = openHtexLog('interchange', launch.logFile, launch.debug === true);
  const interchange = new Interchange(launch, log);
  let ports: InterchangePorts;
  try {
    ports = await interchange.start();
  } catch (error: unknown) {
    log.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.stderr.write(
      `interchange: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await interchange.stop();
    return 1;
  }
  process.stdout.write(`${JSON.stringify(ports)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
    if (values.config === undefined) {
      process.stdin.once('end', resolve);
      process.stdin.once('close', resolve);
      process.stdin.resume();
    }
  });
  log.info('stopping');
  await interchange.stop();
  return 0;
};

const readFirstLine = (): Promise<string> =>
  new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        process.stdin.off('data', onData);
        process.stdin.pause();
        resolve(buffer.slice(0, newline));
      }
    };
    process.stdin.on('data', onData);
    process.stdin.once('end', () =>
      buffer.trim() === ''
        ? reject(new Error('stdin closed before the settings arrived'))
        : resolve(buffer),
    );
  });
