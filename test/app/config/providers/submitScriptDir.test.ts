import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClusterProvider } from '../../../../src/app/config/providers/clusterProviderFactories.js';
import { parseClusterProviderConfig } from '../../../../src/app/config/providers/parseClusterProviderConfig.js';
import { tempDir } from '../../../support/tempRunDir.js';

// Nothing listens on port 1: the provider writes its script, then fails to reach the host.
const unreachable = { kind: 'ssh', hostname: '127.0.0.1', port: 1, knownHostsFile: '/dev/null' };

describe('local copies of submit scripts for remote hosts', () => {
  it('go under <runDir>/submit_scripts by default, not into a temp dir', async () => {
    const runDir = tempDir();
    const provider = buildClusterProvider(
      parseClusterProviderConfig({ kind: 'ad-hoc', channels: [unreachable] }),
      { runDir },
    );
    await expect(provider.submit('echo from-the-block', 1, 'block')).rejects.toThrow();
    const dir = join(runDir, 'submit_scripts');
    const scripts = readdirSync(dir);
    expect(scripts).toHaveLength(1);
    expect(readFileSync(join(dir, scripts[0] ?? ''), 'utf8')).toContain('echo from-the-block');
    await provider.close?.();
  });

  it('go where localScriptDir says', async () => {
    const runDir = tempDir();
    const chosen = join(runDir, 'elsewhere');
    const provider = buildClusterProvider(
      parseClusterProviderConfig({
        kind: 'ad-hoc',
        channels: [unreachable],
        localScriptDir: chosen,
      }),
      { runDir },
    );
    await expect(provider.submit('echo chosen', 1, 'block')).rejects.toThrow();
    expect(readdirSync(chosen)).toHaveLength(1);
    await provider.close?.();
  });
});
