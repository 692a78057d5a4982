import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a provider writes its block scripts before copying them to a host: the directory the
 * user chose (created on first use, never removed), or else a temp dir of its own (`prefix`),
 * made on first use and removed by {@link remove}.
 */
export class LocalScriptDir {
  private made: Promise<string> | undefined;
  private temp = false;

  public constructor(
    private readonly chosen: string | undefined,
    private readonly prefix: string,
  ) {}

  /** The directory, made on first use. */
  public path(): Promise<string> {
    if (this.made === undefined) {
      const chosen = this.chosen;
      this.temp = chosen === undefined;
      this.made =
        chosen === undefined
          ? mkdtemp(join(tmpdir(), this.prefix))
          : mkdir(chosen, { recursive: true }).then(() => chosen);
    }
    return this.made;
  }

  /** Removes the temp dir, if one was made; a chosen directory stays. Best effort: never throws. */
  public async remove(): Promise<void> {
    const made = this.made;
    this.made = undefined;
    if (made === undefined || !this.temp) return;
    const dir = await made.catch(() => undefined);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
