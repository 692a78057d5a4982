import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StagingTransferError } from '../../src/domain/errors/StagingErrors.js';
import type { File } from '../../src/domain/staging/File.js';
import type { StagingContext, StagingProvider } from '../../src/ports/StagingProvider.js';

/**
 * A staging provider for `fake://` URLs backed by an in-memory store: stage-in writes the stored
 * content to `<workingDir>/<filename>` as a separate staging task; stage-out reads the file after
 * the app and stores it. Scripted through `remote` (url -> content) and `missing` (urls that fail);
 * any other URL throws `FakeStagingProvider.stageIn: not scripted`. Calls are recorded.
 */
export class FakeStagingProvider implements StagingProvider {
  public readonly name = 'FakeStagingProvider';
  public readonly stageInCalls: Array<{
    readonly url: string;
    readonly executor: string;
    readonly file: File;
  }> = [];
  public readonly stageOutCalls: Array<{
    readonly url: string;
    readonly executor: string;
    readonly file: File;
  }> = [];
  public readonly remote = new Map<string, string>();
  public readonly missing = new Set<string>();
  public closed = false;

  public constructor(
    scripted: {
      readonly remote?: Record<string, string>;
      readonly missing?: readonly string[];
    } = {},
  ) {
    for (const [url, content] of Object.entries(scripted.remote ?? {}))
      this.remote.set(url, content);
    for (const url of scripted.missing ?? []) this.missing.add(url);
  }

  public canStageIn(file: File): boolean {
    return file.scheme === 'fake';
  }

  public canStageOut(file: File): boolean {
    return file.scheme === 'fake';
  }

  public stageIn(file: File, context: StagingContext, parent?: Promise<unknown>): Promise<void> {
    this.stageInCalls.push({ url: file.url, executor: context.executor, file });
    file.localPath = this.localPathFor(file, context);
    const destination = file.localPath;
    return (async () => {
      if (parent !== undefined) await parent;
      const content = this.remote.get(file.url);
      if (content !== undefined) {
        await mkdir(dirname(destination), { recursive: true });
        await writeFile(destination, content);
        return;
      }
      if (this.missing.has(file.url)) throw this.notFound(file.url, 'stageIn');
      throw new Error(`FakeStagingProvider.stageIn: not scripted (${file.url})`);
    })();
  }

  public stageOut(file: File, context: StagingContext, app: Promise<unknown>): Promise<void> {
    this.stageOutCalls.push({ url: file.url, executor: context.executor, file });
    file.localPath = this.localPathFor(file, context);
    const source = file.localPath;
    return (async () => {
      await app;
      this.remote.set(file.url, await readFile(source, 'utf8'));
    })();
  }

  public async close(): Promise<void> {
    this.closed = true;
  }

  private localPathFor(file: File, context: StagingContext): string {
    return context.workingDir === undefined
      ? file.filename
      : join(context.workingDir, file.filename);
  }

  private notFound(url: string, operation: string): StagingTransferError {
    return new StagingTransferError({
      component: `${this.name}.${operation}`,
      url,
      reason: 'no such remote file',
      attempts: 1,
      transient: false,
    });
  }
}
