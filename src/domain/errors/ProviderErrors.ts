import { ParslError } from './ParslError.js';

/** Base of provider errors. Parsl: parsl.providers.errors.ExecutionProviderException */
export class ExecutionProviderException extends ParslError {}

/** What a failed scheduler command said. */
export interface CommandOutcome {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A submit command failed. Parsl: parsl.providers.errors.SubmitException */
export class SubmitException extends ExecutionProviderException {
  public constructor(
    public readonly provider: string,
    public readonly jobName: string,
    public readonly outcome: CommandOutcome,
    hint = '',
  ) {
    super(
      'PROVIDER_SUBMIT_FAILED',
      `${provider}.submit: ${outcome.command} exited with code ${outcome.exitCode} (job=${jobName}, stdout=${JSON.stringify(outcome.stdout.trim())}, stderr=${JSON.stringify(outcome.stderr.trim())}).${hint === '' ? '' : ` ${hint}`}`,
    );
  }
}

/** Scale-out failed on the provider side. Parsl: parsl.providers.errors.ScaleOutFailed */
export class ScaleOutFailed extends ExecutionProviderException {
  public constructor(provider: string, reason: string, options?: ErrorOptions) {
    super('PROVIDER_SCALE_OUT_FAILED', `${provider}.submit: scale out failed: ${reason}`, options);
  }
}

/** Required scheduler options are missing. Parsl: parsl.providers.errors.SchedulerMissingArgs */
export class SchedulerMissingArgs extends ExecutionProviderException {
  public constructor(
    public readonly missingKeywords: readonly string[],
    public readonly sitename: string,
  ) {
    super(
      'PROVIDER_MISSING_ARGS',
      `${sitename}: missing required option(s) ${missingKeywords.join(', ')}. Set them on the provider.`,
    );
  }
}

/** The submit script could not be written. Parsl: parsl.providers.errors.ScriptPathError */
export class ScriptPathError extends ExecutionProviderException {
  public constructor(
    public readonly scriptPath: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(
      'PROVIDER_SCRIPT_PATH',
      `cannot write submit script ${scriptPath}: ${reason}. Check the channel's scriptDir (free space, permissions).`,
      options,
    );
  }
}

/** A launcher was misconfigured. Parsl: parsl.launchers.errors.BadLauncher */
export class BadLauncher extends ParslError {
  public constructor(launcher: string, reason: string) {
    super('LAUNCHER_BAD', `${launcher}: ${reason}`);
  }
}
