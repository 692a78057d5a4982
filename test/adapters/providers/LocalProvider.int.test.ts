import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalChannel } from '../../../src/adapters/channels/LocalChannel.js';
import { SimpleLauncher } from '../../../src/adapters/launchers/SimpleLauncher.js';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import {
  LocalProvider,
  type LocalProviderOptions,
} from '../../../src/adapters/providers/LocalProvider.js';
import {
  ExecutionProviderException,
  ScriptPathError,
  SubmitException,
} from '../../../src/domain/errors/ProviderErrors.js';
import type { Launcher } from '../../../src/ports/Launcher.js';
import {
  describeExecutionProviderContract,
  waitForTerminal,
} from '../../contract/executionProviderContract.js';
import { FakeChannel } from '../../fakes/FakeChannel.js';

const makeDir = async (): Promise<string> =>
  realpath(await mkdtemp(join(tmpdir(), 'parsl-localprovider-')));

const make = async (
  options: LocalProviderOptions = {},
  launcher: Launcher = new SimpleLauncher(),
): Promise<{ provider: LocalProvider; dir: string; channel: LocalChannel }> => {
  const dir = await makeDir();
  const channel = new LocalChannel({ scriptDir: join(dir, 'submit_scripts') });
  return {
    provider: new LocalProvider({ killGraceSeconds: 0.5, ...options }, channel, launcher),
    dir,
    channel,
  };
};

/** True while a process whose command line contains `marker` runs ("[p]arsl" keeps pgrep's own shell out). */
const alive = async (channel: LocalChannel, marker: string): Promise<boolean> => {
  const pattern = `[${marker.slice(0, 1)}]${marker.slice(1)}`;
  const result = await channel.executeWait(`pgrep -f -- '${pattern}' > /dev/null; echo $?`);
  return result.stdout.trim() === '0';
};

describeExecutionProviderContract(LocalProvider.name, async () => {
  const { provider, dir } = await make();
  return {
    provider,
    commands: { long: 'sleep 60', succeed: 'true', fail: 'exit 3' },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe(LocalProvider.name, () => {
  describe('.submit', () => {
    it('runs workerInit, the launcher text and the exports in the block', async () => {
      const { provider, dir } = await make(
        { workerInit: 'export FROM_INIT=yes', coresPerNode: 3, memPerNode: 7 },
        new SingleNodeLauncher({ debug: false }),
      );
      const id = await provider.submit(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: bash parameter expansion, on purpose
        'echo "rank=$1 init=$FROM_INIT cores=$PARSL_CORES mem=$PARSL_MEMORY_GB job=${JOBNAME%%.*}"',
        2,
        'htex',
      );
      const status = await waitForTerminal(provider, id);
      const out = (await readFile(status.stdoutPath ?? '', 'utf8'))
        .split('\n')
        .filter((l) => l !== '')
        .sort();
      expect([status.state, out]).toEqual([
        'COMPLETED',
        ['rank=1 init=yes cores=3 mem=7 job=htex', 'rank=2 init=yes cores=3 mem=7 job=htex'],
      ]);
      await rm(dir, { recursive: true, force: true });
    });

    it('writes the block stderr beside the script', async () => {
      const { provider, dir } = await make();
      const id = await provider.submit('echo oops >&2; exit 4', 1, 'err');
      const status = await waitForTerminal(provider, id);
      expect([
        status.state,
        status.exitCode,
        await readFile(status.stderrPath ?? '', 'utf8'),
      ]).toEqual(['FAILED', 4, 'oops\n']);
      await rm(dir, { recursive: true, force: true });
    });
  });

  describe('.cancel', () => {
    it('kills every process of the block (the whole group)', async () => {
      const { provider, dir, channel } = await make({}, new SingleNodeLauncher({ debug: false }));
      const marker = `parsl-cancel-${Date.now()}`;
      const id = await provider.submit(`sh -c 'sleep 300; : ${marker}'`, 3, 'cancel');
      await waitFor(() => alive(channel, marker));
      await provider.cancel([id]);
      expect(await alive(channel, marker)).toBe(false);
      await rm(dir, { recursive: true, force: true });
    });

    it('uses SIGKILL when the block ignores SIGTERM', async () => {
      const { provider, dir, channel } = await make();
      const marker = `parsl-stubborn-${Date.now()}`;
      const id = await provider.submit(
        `bash -c "trap '' TERM; while true; do sleep 0.1; done; : ${marker}"`,
        1,
        'stubborn',
      );
      await waitFor(() => alive(channel, marker));
      await provider.cancel([id]);
      expect([await alive(channel, marker), (await provider.status([id]))[0]?.state]).toEqual([
        false,
        'CANCELLED',
      ]);
      await rm(dir, { recursive: true, force: true });
    });
  });

  describe('walltime', () => {
    it('kills the block at its walltime and reports TIMEOUT', async () => {
      const { provider, dir, channel } = await make(
        { walltime: '00:00:01' },
        new SingleNodeLauncher({ debug: false }),
      );
      const marker = `parsl-walltime-${Date.now()}`;
      const id = await provider.submit(`sh -c 'sleep 300; : ${marker}'`, 2, 'wall');
      await waitFor(() => alive(channel, marker));
      const status = await waitForTerminal(provider, id, 10_000);
      expect([status.state, await alive(channel, marker)]).toEqual(['TIMEOUT', false]);
      await rm(dir, { recursive: true, force: true });
    });

    it('rejects a malformed walltime naming the field', async () => {
      await expect(make({ walltime: '15 minutes' })).rejects.toThrow(/provider\.walltime/);
    });
  });

  describe('.status', () => {
    it('reports FAILED when the block is killed from outside', async () => {
      const { provider, dir, channel } = await make();
      const marker = `parsl-outside-${Date.now()}`;
      const id = await provider.submit(`sh -c 'sleep 300; : ${marker}'`, 1, 'outside');
      await waitFor(() => alive(channel, marker));
      await channel.executeWait(`pkill -KILL -s ${id}`);
      await waitFor(async () => !(await alive(channel, marker)));
      const status = await waitForTerminal(provider, id, 5_000);
      expect(status.state).toBe('FAILED');
      await rm(dir, { recursive: true, force: true });
    });

    it('answers UNKNOWN for an id it never issued', async () => {
      const { provider, dir } = await make();
      expect((await provider.status(['999999']))[0]?.state).toBe('UNKNOWN');
      await rm(dir, { recursive: true, force: true });
    });
  });
});

describe(`${LocalProvider.name} with a scripted channel`, () => {
  const scripted = async (channel: FakeChannel, options: LocalProviderOptions = {}) => {
    const dir = await makeDir();
    return {
      dir,
      provider: new LocalProvider({ scriptDir: dir, ...options }, channel, new SimpleLauncher()),
    };
  };

  it('pushes the script to the channel and starts it there, in scriptDir', async () => {
    const channel = new FakeChannel('login1', '/remote/scripts').whenExecute(/setsid/, {
      stdout: 'PID:4242\n',
    });
    const { dir, provider } = await scripted(channel);
    const id = await provider.submit('worker', 1, 'b0');
    const pushedTo = channel.pushed.map((p) => p.remoteDir);
    const script = [...channel.files.keys()][0] ?? '';
    expect([
      id,
      pushedTo,
      channel.executed[0]?.options,
      script.startsWith('/remote/scripts/b0.'),
    ]).toEqual(['4242', ['/remote/scripts'], { timeoutMs: 30_000, cwd: '/remote/scripts' }, true]);
    expect(channel.files.get(script)?.content.toString()).toMatch(
      /^#!\/bin\/bash\nexport JOBNAME="b0\.\d+\.1"\n\nworker\n$/,
    );
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the script where it was written with moveFiles false', async () => {
    const channel = new FakeChannel().whenExecute(/setsid/, { stdout: 'PID:1\n' });
    const { dir, provider } = await scripted(channel, { moveFiles: false });
    await provider.submit('worker', 1, 'b0');
    expect([channel.pushed.length, channel.executed[0]?.options.cwd]).toEqual([0, dir]);
    await rm(dir, { recursive: true, force: true });
  });

  it('throws SubmitException with the streams when the start command fails', async () => {
    const channel = new FakeChannel().whenExecute(/setsid/, {
      exitCode: 127,
      stderr: 'setsid: not found',
    });
    const { dir, provider } = await scripted(channel);
    await expect(provider.submit('worker', 1, 'b0')).rejects.toThrow(SubmitException);
    await expect(provider.submit('worker', 1, 'b0')).rejects.toThrow(/setsid: not found/);
    await rm(dir, { recursive: true, force: true });
  });

  it('throws ScriptPathError when the script cannot be written', async () => {
    const dir = await makeDir();
    await writeFile(join(dir, 'a-file'), '');
    const provider = new LocalProvider(
      { scriptDir: join(dir, 'a-file', 'sub') },
      new FakeChannel(),
      new SimpleLauncher(),
    );
    await expect(provider.submit('worker', 1, 'b0')).rejects.toThrow(ScriptPathError);
    await rm(dir, { recursive: true, force: true });
  });

  it('throws ExecutionProviderException when the status command times out', async () => {
    const channel = new FakeChannel()
      .whenExecute(/setsid/, { stdout: 'PID:9\n' })
      .whenExecute(/ps -o stat=/, { delayMs: 5_000 });
    const { dir, provider } = await scripted(channel, { cmdTimeout: 0.05 });
    const id = await provider.submit('worker', 1, 'b0');
    await expect(provider.status([id])).rejects.toThrow(ExecutionProviderException);
    await rm(dir, { recursive: true, force: true });
  });

  it('answers all false when the cancel command fails', async () => {
    const channel = new FakeChannel()
      .whenExecute(/setsid/, { stdout: 'PID:9\n' })
      .whenExecute(/signal TERM/, { delayMs: 5_000 });
    const { dir, provider } = await scripted(channel, { cmdTimeout: 0.05 });
    const id = await provider.submit('worker', 1, 'b0');
    expect(await provider.cancel([id])).toEqual([false]);
    await rm(dir, { recursive: true, force: true });
  });
});

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
