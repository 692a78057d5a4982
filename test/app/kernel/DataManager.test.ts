import { describe, expect, it } from 'vitest';
import { NullLogger } from '../../../src/adapters/logging/NullLogger.js';
import { DataFuture } from '../../../src/app/futures/DataFuture.js';
import { Future } from '../../../src/app/futures/Future.js';
import { DataManager } from '../../../src/app/kernel/DataManager.js';
import { UnsupportedSchemeError } from '../../../src/domain/errors/StagingErrors.js';
import { File } from '../../../src/domain/staging/File.js';
import type { StagingProvider } from '../../../src/ports/StagingProvider.js';
import { FakeStagingProvider } from '../../fakes/FakeStagingProvider.js';

const claimsAll = (name: string, seen: string[]): StagingProvider => ({
  name,
  canStageIn: () => {
    seen.push(name);
    return true;
  },
  canStageOut: () => true,
});

const manager = (providers: readonly StagingProvider[], workingDir = '/wd'): DataManager =>
  new DataManager(new Map([['x', { providers, workingDir }]]), [], new NullLogger());

describe(DataManager.name, () => {
  describe('.prepare', () => {
    it('offers each file to the providers in order and stops at the first that accepts it (S000)', () => {
      const seen: string[] = [];
      manager([claimsAll('first', seen), claimsAll('second', seen)]).prepare('x', 1, {
        inputs: [new File('/a.txt')],
      });
      expect(seen).toEqual(['first']);
    });

    it("stages a fresh copy: the caller's File keeps no localPath", () => {
      const fake = new FakeStagingProvider({ remote: { 'fake://s/a.txt': 'a' } });
      const original = new File('fake://s/a.txt');
      const prepared = manager([fake]).prepare('x', 1, { inputs: [original] });
      expect(original.localPath).toBeUndefined();
      expect(fake.stageInCalls[0]?.file).not.toBe(original);
      const staged = prepared.special?.inputs?.[0] as DataFuture;
      expect(staged.file.localPath).toBe('/wd/a.txt');
    });

    it('stages URL strings as Files and passes other values through', () => {
      const fake = new FakeStagingProvider();
      const prepared = manager([fake, claimsAll('files', [])]).prepare('x', 1, {
        inputs: ['plain words', 42, '/tmp/path'],
      });
      expect(prepared.special?.inputs).toEqual(['plain words', 42, '/tmp/path']);
      expect(fake.stageInCalls).toEqual([]);
    });

    it('throws UnsupportedSchemeError naming the URL, executor and providers', () => {
      expect(() =>
        manager([new FakeStagingProvider()]).prepare('x', 1, { inputs: [new File('s3://b/k')] }),
      ).toThrow(new UnsupportedSchemeError('s3://b/k', 'in', ['FakeStagingProvider'], 'x'));
    });

    it('completes an output DataFuture only when its stage-out finished, not when the task did', async () => {
      const fake = new FakeStagingProvider();
      const prepared = manager([fake]).prepare('x', 7, { outputs: ['fake://s/out.txt'] });
      const output = prepared.outputs[0];
      if (output === undefined) throw new Error('no output future');
      const app = new Future<unknown>();
      prepared.attach(app);
      output.setResult(output.file);
      expect(output.done()).toBe(false);
      app.setException(new Error('app failed'));
      await expect(output.result()).rejects.toThrow('app failed');
    });

    it("a DataFuture input waits for its producer and reports the producer's failure as its own task", async () => {
      const parent = DataFuture.of('/data/in.txt', 3);
      const prepared = manager([claimsAll('files', [])]).prepare('x', 9, { inputs: [parent] });
      const staged = prepared.special?.inputs?.[0] as DataFuture & { describeFailure(): unknown };
      parent.setException(new Error('producer broke'));
      await expect(staged.result()).rejects.toThrow('producer broke');
      expect(staged.describeFailure()).toEqual({
        description: 'DataFuture from task 3',
        taskId: 3,
      });
    });
  });
});
