import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SshChannel } from '../../../src/adapters/channels/SshChannel.js';
import { SimpleLauncher } from '../../../src/adapters/launchers/SimpleLauncher.js';
import { AdHocProvider } from '../../../src/adapters/providers/AdHocProvider.js';
import { ScaleOutFailed } from '../../../src/domain/errors/ProviderErrors.js';
import type { JobState } from '../../../src/domain/job/JobState.js';
import { describeExecutionProviderContract } from '../../contract/executionProviderContract.js';
import { describeWithService } from '../../support/describeWithService.js';
import { processAlive } from '../../support/processAlive.js';
import { waitFor } from '../../support/slurmService.js';
import {
  rootSshOptions,
  SSHD_HOST,
  SSHD_HOW_TO,
  SSHD_KEY,
  SSHD_KNOWN_HOSTS,
  SSHD_OTHER_KEY,
  SSHD_PASSWORD,
  SSHD_PASSWORD_USER,
  SSHD_PORT,
  sshdAvailable,
} from '../../support/sshdService.js';
import { type FreshTmpdir, freshTmpdir } from './cluster/freshTmpdir.js';

describeWithService(`${AdHocProvider.name} over SSH`, sshdAvailable, SSHD_HOW_TO, () => {
  const dir = mkdtempSync(join(tmpdir(), 'adhoc-'));
  // The password user cannot write under the test run's directory, so its files go in /tmp.
  const otherUserDir = `/tmp/parsl-ts-adhoc-${process.pid}`;
  // two "hosts": the same sshd reached as two users, each with its own script directory
  const hosts = [
    new SshChannel(rootSshOptions(join(dir, 'root-scripts'))),
    new SshChannel({
      hostname: SSHD_HOST,
      port: SSHD_PORT,
      username: SSHD_PASSWORD_USER,
      password: SSHD_PASSWORD,
      knownHostsFile: SSHD_KNOWN_HOSTS,
      agent: '',
      scriptDir: otherUserDir,
    }),
  ];
  const provider = new AdHocProvider(
    { executorLabel: 'remote_htex', workerInit: 'export FROM_INIT=1' },
    hosts,
    new SimpleLauncher(),
  );
  const waitState = async (id: string, states: readonly JobState[]): Promise<JobState> => {
    let last: JobState = 'UNKNOWN';
    await waitFor(
      async () => {
        last = (await provider.status([id]))[0]?.state ?? 'UNKNOWN';
        return states.includes(last);
      },
      20_000,
      `${id} to reach ${states.join('/')} (last ${last})`,
    );
    return last;
  };
  afterAll(async () => {
    await provider.close();
    rmSync(otherUserDir, { recursive: true, force: true });
    rmSync(`${otherUserDir}-pid-b`, { force: true });
  });

  it('has one block per host', () => {
    expect([provider.initBlocks, provider.minBlocks, provider.maxBlocks]).toEqual([2, 2, 2]);
  });

  it('starts a block on each host and refuses a third', async () => {
    const pids = [join(dir, 'pid-a'), `${otherUserDir}-pid-b`];
    const a = await provider.submit(
      `echo $$ > ${pids[0]}; echo "$FROM_INIT $(whoami)" > ${dir}/who-a; sleep 60`,
      1,
      'parsl.adhoc',
    );
    const b = await provider.submit(`echo $$ > ${pids[1]}; sleep 60`, 1, 'parsl.adhoc');
    expect(a).not.toBe(b);
    const third = await provider.submit('true', 1, 'parsl.adhoc').catch((e: unknown) => e);
    expect(third).toBeInstanceOf(ScaleOutFailed);
    expect(String(third)).toContain('AdHocProvider[remote_htex]');
    expect(await provider.status([a, b])).toMatchObject([
      { state: 'RUNNING' },
      { state: 'RUNNING' },
    ]);
    await waitFor(
      () => pids.every((p) => existsSync(p)) && existsSync(join(dir, 'who-a')),
      10_000,
      'both blocks to start',
    );
    expect(readFileSync(join(dir, 'who-a'), 'utf8')).toBe('1 root\n');
    const pidB = Number(readFileSync(pids[1] ?? '', 'utf8'));
    expect(await provider.cancel([b])).toEqual([true]);
    await waitFor(() => !processAlive(pidB), 10_000, 'block b to die');
    expect((await provider.status([b]))[0]?.state).toBe('CANCELLED');
    // the freed host takes the next block
    const c = await provider.submit('exit 5', 1, 'parsl.adhoc');
    expect(c.startsWith(`${SSHD_HOST}:1:`)).toBe(true);
    expect(await waitState(c, ['FAILED', 'COMPLETED'])).toBe('FAILED');
    expect((await provider.status([c]))[0]?.exitCode).toBe(5);
    const pidA = Number(readFileSync(pids[0] ?? '', 'utf8'));
    await provider.cancel([a]);
    await waitFor(() => !processAlive(pidA), 10_000, 'block a to die');
  });

  describe('.close', () => {
    const rootHost = (): SshChannel => new SshChannel(rootSshOptions(join(dir, 'close-scripts')));
    let tmp: FreshTmpdir;
    beforeEach(() => {
      tmp = freshTmpdir();
    });
    afterEach(() => tmp.restore());

    it('removes the temp dir it made for local copies of block scripts', async () => {
      const p = new AdHocProvider({}, [rootHost()], new SimpleLauncher());
      await p.submit('true', 1, 'parsl.adhoc');
      const made = tmp.entries('parsl-ts-adhoc-');
      await p.close();
      expect({ made: made.length, left: tmp.entries('parsl-ts-adhoc-') }).toEqual({
        made: 1,
        left: [],
      });
    });

    it('keeps a localScriptDir the user gave, with its scripts', async () => {
      const chosen = join(tmp.dir, 'my-scripts');
      const p = new AdHocProvider({ localScriptDir: chosen }, [rootHost()], new SimpleLauncher());
      await p.submit('true', 1, 'parsl.adhoc');
      await p.close();
      expect(existsSync(chosen) && readdirSync(chosen).some((f) => f.endsWith('.sh'))).toBe(true);
    });
  });

  describe('faults', () => {
    it('names the host and the fix when a host is unreachable', async () => {
      const dead = new SshChannel({
        hostname: SSHD_HOST,
        port: 1,
        username: 'root',
        keyFilename: SSHD_KEY,
        knownHostsFile: SSHD_KNOWN_HOSTS,
        agent: '',
        scriptDir: '/tmp',
      });
      const p = new AdHocProvider({ executorLabel: 'remote_htex' }, [dead], new SimpleLauncher());
      const error = await p.submit('true', 1, 'parsl.adhoc').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScaleOutFailed);
      expect(String(error)).toMatch(
        /AdHocProvider\[remote_htex\].*cannot reach 127\.0\.0\.1.*127\.0\.0\.1:1.*is sshd running/s,
      );
      await p.close();
    });

    it('names the host and the fix for a key the host does not accept', async () => {
      const wrongKey = new SshChannel({
        hostname: SSHD_HOST,
        port: SSHD_PORT,
        username: 'root',
        keyFilename: SSHD_OTHER_KEY,
        knownHostsFile: SSHD_KNOWN_HOSTS,
        agent: '',
        scriptDir: '/tmp',
      });
      const p = new AdHocProvider(
        { executorLabel: 'remote_htex' },
        [wrongKey],
        new SimpleLauncher(),
      );
      const error = await p.submit('true', 1, 'parsl.adhoc').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScaleOutFailed);
      expect(String(error)).toMatch(
        /AdHocProvider\[remote_htex\].*authentication to 127\.0\.0\.1 failed.*keyFilename/s,
      );
      await p.close();
    });
  });
});

describeWithService(`${AdHocProvider.name} contract`, sshdAvailable, SSHD_HOW_TO, () => {
  describeExecutionProviderContract(AdHocProvider.name, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adhoc-contract-'));
    const host = (): SshChannel => new SshChannel(rootSshOptions(dir));
    return {
      provider: new AdHocProvider(
        { statusPollingIntervalMs: 1000 },
        [host(), host()],
        new SimpleLauncher(),
      ),
      commands: { long: 'sleep 300', succeed: 'true', fail: 'exit 3' },
      cleanup: async () => undefined,
    };
  });
});
