import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import {
  GlobusAuthClient,
  makePkce,
  TRANSFER_RESOURCE_SERVER,
} from '../../adapters/staging/globus/GlobusAuthClient.js';
import {
  defaultGlobusTokenFile,
  GlobusTokenStore,
} from '../../adapters/staging/globus/GlobusTokenStore.js';

const HELP = `Usage: parsl-ts globus-auth [options]

Authorize parsl-ts to use Globus Transfer (OAuth2 native-app flow with PKCE), so that GlobusStaging
can run unattended later (for example inside a batch job). Prints a URL to open in a browser, then
reads the code Globus shows you. Tokens are stored with mode 0600.

Options:
  --client-id <id>     OAuth2 client id of your Globus native app
                       (default: env PARSL_TS_GLOBUS_CLIENT_ID; register one at https://app.globus.org/settings/developers)
  --auth-url <url>     Globus Auth base URL (default: env PARSL_TS_GLOBUS_AUTH_URL or https://auth.globus.org)
  --token-file <path>  where tokens are kept (default: env PARSL_TS_GLOBUS_TOKEN_FILE or ~/.parsl-ts/globus.json)
  --force              authorize again even if valid tokens are stored
  -h, --help           show this help
`;

/** Streams the command talks through; tests pass their own. */
export interface GlobusAuthIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

interface Parsed {
  readonly help: boolean;
  readonly force: boolean;
  readonly values: Map<string, string>;
}

const parse = (argv: readonly string[]): Parsed => {
  const values = new Map<string, string>();
  let help = false;
  let force = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--force') force = true;
    else if (['--client-id', '--auth-url', '--token-file'].includes(arg)) {
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`globus-auth: ${arg} needs a value`);
      values.set(arg, value);
      i += 1;
    } else throw new Error(`globus-auth: unknown option ${arg}. See parsl-ts globus-auth --help.`);
  }
  return { help, force, values };
};

/**
 * `parsl-ts globus-auth`: the OAuth2 native-app authorization, run ahead of time.
 * Returns the process exit code. Parsl: parsl-globus-auth
 */
export const run = async (argv: string[], io: GlobusAuthIo = process): Promise<number> => {
  const say = (line: string): void => {
    io.stdout.write(`${line}\n`);
  };
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (error: unknown) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const clientId = parsed.values.get('--client-id') ?? process.env['PARSL_TS_GLOBUS_CLIENT_ID'];
  const authUrl = (
    parsed.values.get('--auth-url') ??
    process.env['PARSL_TS_GLOBUS_AUTH_URL'] ??
    'https://auth.globus.org'
  ).replace(/\/$/, '');
  const tokenFile = parsed.values.get('--token-file') ?? defaultGlobusTokenFile();
  if (clientId === undefined) {
    io.stderr.write(
      'globus-auth: no OAuth2 client id. Register a native app at https://app.globus.org/settings/developers and pass --client-id or set PARSL_TS_GLOBUS_CLIENT_ID.\n',
    );
    return 2;
  }
  say('Parsl Globus command-line authoriser');
  say('If authorisation to Globus is necessary, the library will prompt you now.');
  say('Otherwise it will do nothing');
  const auth = new GlobusAuthClient(authUrl, clientId);
  const store = new GlobusTokenStore(tokenFile, auth);
  try {
    const stored = await store.load();
    if (!parsed.force && stored?.[TRANSFER_RESOURCE_SERVER] !== undefined) {
      await store.transferAccessToken(Date.now() / 1000);
      say('Authorization complete');
      return 0;
    }
  } catch {
    // stored tokens are unusable: authorize again below
  }
  const { verifier, challenge } = makePkce();
  say('Please visit the following URL to provide authorization:');
  say(auth.authorizeUrl(challenge));
  const prompt = createInterface({ input: io.stdin, output: io.stdout, terminal: false });
  let code: string;
  try {
    code = (await prompt.question('Enter the auth code: ')).trim();
  } finally {
    prompt.close();
  }
  if (code === '') {
    io.stderr.write('globus-auth: no auth code entered; nothing was stored.\n');
    return 1;
  }
  try {
    await store.save(await auth.exchangeCode(code, verifier, Date.now() / 1000));
  } catch (error: unknown) {
    io.stderr.write(
      `globus-auth: Globus Auth refused the code (${(error as Error).message}). Run the command again.\n`,
    );
    return 1;
  }
  say(`Authorization complete (tokens in ${tokenFile})`);
  return 0;
};
