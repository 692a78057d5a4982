import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runInTaskSteps } from '../../src/adapters/staging/inTask/runInTaskSteps.js';
import { ParslError } from '../../src/domain/errors/ParslError.js';
import { File } from '../../src/domain/staging/File.js';
import type { StagingContext, StagingProvider } from '../../src/ports/StagingProvider.js';

/** What a provider under contract needs from its test: real remote files and where outputs go. */
export interface StagingContractSubject {
  readonly provider: StagingProvider;
  /** Puts `content` at a remote location this provider stages from; returns its URL. */
  readonly createRemote: (name: string, content: string) => Promise<string>;
  /** A URL of this provider's kind that does not exist. */
  readonly missingUrl: string;
  /** A URL this provider must not claim. */
  readonly foreignUrl: string;
  /** False for providers that leave the file where it is (no-op on a shared filesystem). */
  readonly copies: boolean;
  /** For providers that stage out: the URL to send `name` to, and how to read what arrived. */
  readonly output?: {
    readonly urlFor: (name: string) => string;
    readonly read: (url: string) => Promise<string>;
  };
  readonly close: () => Promise<void>;
}

/** Stages `original` in the way the DataManager does: fresh copy, stageIn, replaceTask, steps. */
export const stageInLikeDataManager = async (
  provider: StagingProvider,
  original: File,
  context: StagingContext,
  parent?: Promise<unknown>,
): Promise<File> => {
  const file = original.cleancopy();
  const pending = provider.stageIn?.(file, context, parent);
  const steps = provider.replaceTask?.(file, context) ?? [];
  await pending;
  await runInTaskSteps(steps);
  return file;
};

/** Stages an output out the way the DataManager does, with `app` writing the file on the worker. */
export const stageOutLikeDataManager = async (
  provider: StagingProvider,
  original: File,
  context: StagingContext,
  app: (path: string) => Promise<void>,
): Promise<File> => {
  const file = original.cleancopy();
  let appDone: () => void = () => undefined;
  const appFinished = new Promise<void>((done) => {
    appDone = done;
  });
  const pending = provider.stageOut?.(file, context, appFinished);
  const steps = provider.replaceTaskStageOut?.(file, context) ?? [];
  await app(file.filepath);
  await runInTaskSteps(steps);
  appDone();
  await pending;
  return file;
};

/** The StagingProvider contract: run against every adapter and the fake. */
export const describeStagingContract = (
  name: string,
  makeSubject: () => Promise<StagingContractSubject>,
  traits: {
    /** False for providers that never look at the file (no-op: it may exist only on the workers). */
    readonly detectsMissingFiles?: boolean;
  } = {},
): void => {
  describe(`StagingProvider contract: ${name}`, () => {
    let subject: StagingContractSubject;
    let workingDir: string;
    let context: StagingContext;

    beforeAll(async () => {
      subject = await makeSubject();
    });
    afterAll(async () => {
      await subject.provider.close?.();
      await subject.close();
    });
    beforeEach(async () => {
      workingDir = await mkdtemp(join(tmpdir(), 'parsl-ts-staging-wd-'));
      context = { executor: 'contract', workingDir };
      return () => rm(workingDir, { recursive: true, force: true });
    });

    it('claims its own URLs and not a foreign one', async () => {
      const url = await subject.createRemote('claim.txt', 'x');
      expect(subject.provider.canStageIn(new File(url))).toBe(true);
      expect(subject.provider.canStageIn(new File(subject.foreignUrl))).toBe(false);
      expect(subject.provider.canStageOut(new File(subject.foreignUrl))).toBe(false);
    });

    it("puts the remote content at the staged File's filepath", async () => {
      const url = await subject.createRemote('input-a.txt', 'hello contract\n');
      const staged = await stageInLikeDataManager(subject.provider, new File(url), context);
      expect(await readFile(staged.filepath, 'utf8')).toBe('hello contract\n');
      if (subject.copies) expect(staged.filepath).toBe(join(workingDir, 'input-a.txt'));
    });

    it("stages a fresh copy and leaves the caller's File untouched", async () => {
      const original = new File(await subject.createRemote('input-b.txt', 'b'));
      await stageInLikeDataManager(subject.provider, original, context);
      expect(original.localPath).toBeUndefined();
    });

    it.skipIf(traits.detectsMissingFiles === false)(
      'fails a missing file with a StagingError naming the URL and leaves nothing in workingDir',
      async () => {
        const failure = await stageInLikeDataManager(
          subject.provider,
          new File(subject.missingUrl),
          context,
        ).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(ParslError.is(failure) && failure.code).toBe('STAGING_FAILED');
        expect((failure as Error).message).toContain(subject.missingUrl);
        expect(await readdir(workingDir)).toEqual([]);
      },
    );

    it('does not transfer when the producer of the file failed', async () => {
      const url = await subject.createRemote('input-c.txt', 'c');
      const producerFailed = Promise.reject(new Error('producer failed'));
      producerFailed.catch(() => undefined);
      const pending = subject.provider.stageIn?.(
        new File(url).cleancopy(),
        context,
        producerFailed,
      );
      if (pending !== undefined) await expect(pending).rejects.toThrow('producer failed');
      expect(await readdir(workingDir)).toEqual([]);
    });

    it('stages an output out after the app wrote it (when the provider stages out)', async () => {
      if (subject.output === undefined) {
        expect(
          subject.provider.canStageOut(new File(await subject.createRemote('out-probe.txt', 'x'))),
        ).toBe(false);
        return;
      }
      const url = subject.output.urlFor(`out-${Date.now()}.txt`);
      expect(subject.provider.canStageOut(new File(url))).toBe(true);
      await stageOutLikeDataManager(subject.provider, new File(url), context, (path) =>
        writeFile(path, 'result\n'),
      );
      expect(await subject.output.read(url)).toBe('result\n');
    });
  });
};
