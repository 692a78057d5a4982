import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getAllCheckpoints, getLastCheckpoint } from '../../../src/app/kernel/checkpointDirs.js';
import { tempDir } from '../../support/tempRunDir.js';

describe('checkpointDirs', () => {
  const dirs: string[] = [];
  const runinfo = (layout: Record<string, boolean>): string => {
    const root = tempDir('runinfo-');
    dirs.push(root);
    for (const [name, hasCheckpoint] of Object.entries(layout)) {
      mkdirSync(join(root, name, ...(hasCheckpoint ? ['checkpoint'] : [])), { recursive: true });
    }
    writeFileSync(join(root, 'notes.txt'), 'not a run');
    return root;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  describe('getAllCheckpoints', () => {
    it('lists the checkpoint directories of numbered runs, oldest first, numerically', () => {
      const root = runinfo({
        '000': true,
        '001': false,
        '002': true,
        '1000': true,
        '999': true,
        other: true,
      });
      expect(getAllCheckpoints(root)).toEqual(
        ['000', '002', '999', '1000'].map((n) => join(root, n, 'checkpoint')),
      );
    });

    it('gives [] when the run directory does not exist', () => {
      expect(getAllCheckpoints(join(tempDir('x-'), 'missing'))).toEqual([]);
    });

    it("defaults to './runinfo'", () => {
      const cwd = process.cwd();
      const root = tempDir('cwd-');
      dirs.push(root);
      mkdirSync(join(root, 'runinfo', '000', 'checkpoint'), { recursive: true });
      process.chdir(root);
      try {
        expect(getAllCheckpoints()).toEqual([join(root, 'runinfo', '000', 'checkpoint')]);
        expect(getLastCheckpoint()).toEqual([join(root, 'runinfo', '000', 'checkpoint')]);
      } finally {
        process.chdir(cwd);
      }
    });
  });

  describe('getLastCheckpoint', () => {
    it('gives the newest run that has a checkpoint', () => {
      const root = runinfo({ '000': true, '001': true, '002': false });
      expect(getLastCheckpoint(root)).toEqual([join(root, '001', 'checkpoint')]);
    });

    it('gives [] when no run has a checkpoint', () => {
      expect(getLastCheckpoint(runinfo({ '000': false }))).toEqual([]);
    });
  });
});
