#!/usr/bin/env node
/**
 * `parsl-ts <command> [options]`: the processes a workflow starts (interchange, worker pools) and
 * the tools users run (visualize, globus-auth). Each command has its own `--help`.
 */

type Command = { readonly summary: string; readonly run: (argv: string[]) => Promise<number> };

const COMMANDS: Readonly<Record<string, Command>> = {
  interchange: {
    summary: 'run a HighThroughputExecutor interchange (started by the executor)',
    run: async (argv) => (await import('./commands/interchange.js')).run(argv),
  },
  visualize: {
    summary: 'serve the monitoring web pages for a recorded database',
    run: async (argv) => (await import('./commands/visualize.js')).run(argv),
  },
  'worker-pool': {
    summary: 'run a HighThroughputExecutor worker pool (started in a block by a provider)',
    run: async (argv) => (await import('./commands/workerPool.js')).run(argv),
  },
  'globus-auth': {
    summary: 'authorize Globus Transfer for GlobusStaging ahead of time (OAuth2 native-app flow)',
    run: async (argv) => (await import('./commands/globusAuth.js')).run(argv),
  },
};

const usage = (): string =>
  [
    'Usage: parsl-ts <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(14)} ${command.summary}`),
    '',
    'Run `parsl-ts <command> --help` for the options of a command.',
  ].join('\n');

const main = async (argv: string[]): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    process.stdout.write(`${(await import('../index.js')).VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`parsl-ts: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  return command.run(rest);
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `parsl-ts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
