const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * A file named by URL (`https://host/a.txt`, `ftp://…`, `globus://endpoint/path`) or by a bare path,
 * which means `file:`. `filepath` is where an app reads or writes it: the local copy once staging
 * has set `localPath`, else the path itself.
 * Parsl: parsl.data_provider.files.File
 */
export class File {
  public readonly url: string;
  public readonly scheme: string;
  public readonly netloc: string;
  public readonly path: string;
  /** Set by a staging provider: where the file lives on the worker. */
  public localPath: string | undefined;

  public constructor(url: string, localPath?: string) {
    if (typeof url !== 'string' || url === '') {
      throw new TypeError(`File: expected a URL or path string, got ${JSON.stringify(url)}`);
    }
    this.url = url;
    const match = SCHEME.exec(url);
    if (match === null || match[1] === undefined || /^[a-zA-Z]:[\\/]/.test(url)) {
      this.scheme = 'file';
      this.netloc = '';
      this.path = url;
    } else {
      this.scheme = match[1].toLowerCase();
      const parsed = new URL(url);
      this.netloc = parsed.host;
      this.path = decodeURIComponent(parsed.pathname);
    }
    this.localPath = localPath;
  }

  /** The file's name: the last path segment. */
  public get filename(): string {
    const parts = this.path.split('/');
    return parts[parts.length - 1] ?? '';
  }

  /** Where an app should open the file. */
  public get filepath(): string {
    return this.localPath ?? this.path;
  }

  /** True when the file lives somewhere other than a local or shared filesystem (not `file:`). Parsl: File.is_remote */
  public isRemote(): boolean {
    return this.scheme !== 'file';
  }

  /** A copy without staging state, so each staging call works on its own File. */
  public cleancopy(): File {
    return new File(this.url);
  }

  public toString(): string {
    return this.filepath;
  }

  public toJSON(): { url: string; localPath?: string } {
    return this.localPath === undefined
      ? { url: this.url }
      : { url: this.url, localPath: this.localPath };
  }

  /** A File from a File or a string. */
  public static from(value: string | File): File {
    return value instanceof File ? value : new File(value);
  }

  /** True for File instances, even from another copy of this module. */
  public static isFile(value: unknown): value is File {
    return (
      value instanceof File ||
      (typeof value === 'object' &&
        value !== null &&
        (value as { [IS_FILE]?: true })[IS_FILE] === true)
    );
  }
}

const IS_FILE: unique symbol = Symbol.for('parsl-ts/File');
Object.defineProperty(File.prototype, IS_FILE, { value: true });
