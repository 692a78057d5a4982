import { ParslError } from './ParslError.js';
import type { ParslErrorCode } from './ParslErrorCode.js';

/** Base of channel errors; names the host. Parsl: parsl.channels.errors.ChannelError */
export class ChannelError extends ParslError {
  public constructor(
    public readonly hostname: string,
    message: string,
    options?: ErrorOptions & { code?: ParslErrorCode },
  ) {
    super(options?.code ?? 'CHANNEL_ERROR', message, options);
  }
}

/** Authentication was refused. Parsl: AuthException */
export class AuthException extends ChannelError {
  public constructor(hostname: string, reason: string, options?: ErrorOptions) {
    super(hostname, `authentication to ${hostname} failed: ${reason}`, {
      ...options,
      code: 'CHANNEL_AUTH_FAILED',
    });
  }
}

/** The host key did not match known_hosts. Parsl: BadHostKeyException */
export class BadHostKeyException extends ChannelError {
  public constructor(hostname: string, reason: string, options?: ErrorOptions) {
    super(hostname, `host key of ${hostname} could not be verified: ${reason}`, {
      ...options,
      code: 'CHANNEL_BAD_HOST_KEY',
    });
  }
}

/** A command ran past its timeout. */
export class ChannelTimeout extends ChannelError {
  public constructor(hostname: string, command: string, timeoutMs: number) {
    super(hostname, `command on ${hostname} timed out after ${timeoutMs} ms: ${command}`, {
      code: 'CHANNEL_TIMEOUT',
    });
  }
}

/** A file copy failed. Parsl: FileCopyException */
export class FileCopyException extends ChannelError {
  public constructor(hostname: string, reason: string, options?: ErrorOptions) {
    super(hostname, `file copy with ${hostname} failed: ${reason}`, {
      ...options,
      code: 'CHANNEL_FILE_COPY_FAILED',
    });
  }
}

/** A command could not be started. Parsl: ChannelExecFailed */
export class ChannelExecFailed extends ChannelError {
  public constructor(hostname: string, reason: string, options?: ErrorOptions) {
    super(hostname, `could not run a command on ${hostname}: ${reason}`, {
      ...options,
      code: 'CHANNEL_EXEC_FAILED',
    });
  }
}

/** The SSH connection could not be opened or was lost (host unreachable, refused, dropped). Parsl: SSHException */
export class SSHException extends ChannelError {
  public constructor(hostname: string, reason: string, options?: ErrorOptions) {
    super(hostname, `ssh connection to ${hostname} failed: ${reason}`, {
      ...options,
      code: 'CHANNEL_ERROR',
    });
  }
}

/** The script directory cannot be created or written on the host. Parsl: BadPermsScriptPath */
export class BadPermsScriptPath extends ChannelError {
  public constructor(hostname: string, path: string, reason: string, options?: ErrorOptions) {
    super(
      hostname,
      `no permission to create or write ${path} on ${hostname}: ${reason}. Choose a writable scriptDir for the channel.`,
      { ...options, code: 'CHANNEL_ERROR' },
    );
  }
}
