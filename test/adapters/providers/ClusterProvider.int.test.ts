import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SshChannel } from '../../../src/adapters/channels/SshChannel.js';
import { SimpleLauncher } from '../../../src/adapters/launchers/SimpleLauncher.js';
import {
  ClusterProvider,
  type ClusterProviderOptions,
  type SubmitContext,
} from '../../../src/adapters/providers/ClusterProvider.js';
import type { ScriptFile } from '../../../src/adapters/providers/cluster/ScriptWriter.js';
import type { JobStatus } from '../../../src/domain/job/JobState.js';
import type { Channel } from '../../../src/ports/Channel.js';
import { describeWithService } from '../../support/describeWithService.js';
import { rootSshOptions, SSHD_HOW_TO, sshdAvailable } from '../../support/sshdService.js';
import { type FreshTmpdir, freshTmpdir } from './cluster/freshTmpdir.js';

/** A "scheduler" that accepts a block when its script arrived on the host and never runs it. */
class ArrivalProvider extends ClusterProvider {
  public readonly kind = 'arrival';
  public constructor(options: ClusterProviderOptions, channel: Channel) {
    super(
      options,
      { walltime: '00:01:00', cmdTimeout: 10, maxBlocks: 1 },
      channel,
      new SimpleLauncher(),
    );
  }
  protected scriptFiles(ctx: SubmitContext): ScriptFile[] {
    return [{ name: `${ctx.jobName}.submit`, text: `#!/bin/bash\n${ctx.userScript}\n` }];
  }
  protected submitCommand(scriptPath: string): string {
    return `test -f '${scriptPath}' && echo 4242`;
  }
  protected parseJobId(stdout: string): string | undefined {
    return stdout.trim() || undefined;
  }
  protected async queryStates(): Promise<Map<string, JobStatus>> {
    return new Map();
  }
  protected cancelCommand(): string {
    return 'true';
  }
}

describeWithService(`${ClusterProvider.name} over SSH`, sshdAvailable, SSHD_HOW_TO, () => {
  const remoteDir = mkdtempSync(join(tmpdir(), 'cluster-remote-'));
  const channel = (): SshChannel => new SshChannel(rootSshOptions(remoteDir));
  let tmp: FreshTmpdir;
  beforeEach(() => {
    tmp = freshTmpdir();
  });
  afterEach(() => tmp.restore());

  describe('.close', () => {
    it('removes the temp dir it made for local copies of submit scripts', async () => {
      const provider = new ArrivalProvider({}, channel());
      await provider.submit('true', 1, 'parsl.cluster');
      const made = tmp.entries('parsl-ts-scripts-');
      await provider.close();
      expect({ made: made.length, left: tmp.entries('parsl-ts-scripts-') }).toEqual({
        made: 1,
        left: [],
      });
    });

    it('keeps a localScriptDir the user gave, with its scripts', async () => {
      const chosen = join(tmp.dir, 'my-scripts');
      const provider = new ArrivalProvider({ localScriptDir: chosen }, channel());
      await provider.submit('true', 1, 'parsl.cluster');
      await provider.close();
      expect(existsSync(chosen) && readdirSync(chosen).some((f) => f.endsWith('.submit'))).toBe(
        true,
      );
    });
  });
});
