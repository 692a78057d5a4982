import { mkdtemp, readdir, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import type { CommandResult } from '../../../src/ports/Channel.js';

/** A fresh directory the rank files go to; world-writable so another local user can write too. */
export const makeRankDir = async (): Promise<string> => {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'parsl-launcher-ranks-')));
  const channel = new LocalChannel({ scriptDir: dir });
  await channel.executeWait(`chmod 777 ${dir}`);
  return dir;
};

/** Runs a launcher's wrapped text with bash, as a provider's block script would. */
export const runWrapped = (
  text: string,
  options: {
    readonly cwd: string;
    readonly env?: Readonly<Record<string, string>>;
    readonly timeoutMs?: number;
  },
): Promise<CommandResult> =>
  new LocalChannel({ scriptDir: options.cwd, userhome: options.cwd }).executeWait(text, {
    timeoutMs: options.timeoutMs ?? 60_000,
    ...(options.env === undefined ? {} : { env: options.env }),
  });

/** Names of the files in `dir`, sorted. */
export const filesIn = async (dir: string): Promise<string[]> => (await readdir(dir)).sort();
