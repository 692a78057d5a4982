import { readFile, rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import { filesIn, makeRankDir, runWrapped } from './runWrapped.js';

describe(`${SingleNodeLauncher.name} (run under bash)`, () => {
  it('starts tasksPerNode × nodesPerBlock copies, numbered 1..N, with CORES exported', async () => {
    const dir = await makeRankDir();
    const text = new SingleNodeLauncher().wrap(`echo "$CORES" > ${dir}/rank.$1`, 3, 2);
    const result = await runWrapped(text, { cwd: dir });
    const cores = (await readFile(`${dir}/rank.6`, 'utf8')).trim();
    expect([result.exitCode, await filesIn(dir), Number(cores) > 0]).toEqual([
      0,
      ['rank.1', 'rank.2', 'rank.3', 'rank.4', 'rank.5', 'rank.6'],
      true,
    ]);
    await rm(dir, { recursive: true, force: true });
  });

  // Parsl's text runs under `set -e`, so the first `wait` on a failed copy ends the script with
  // that copy's code before the FAILONANY / ALLFAILED summary is reached.
  it("exits with a failed copy's code as soon as it is waited for (set -e, as in Parsl)", async () => {
    const dir = await makeRankDir();
    const ok = await runWrapped(new SingleNodeLauncher().wrap('exit 0', 3, 1), { cwd: dir });
    const some = await runWrapped(new SingleNodeLauncher().wrap('[ "$1" = 1 ] || exit 5', 3, 1), {
      cwd: dir,
    });
    expect([ok.exitCode, some.exitCode]).toEqual([0, 5]);
    await rm(dir, { recursive: true, force: true });
  });
});
