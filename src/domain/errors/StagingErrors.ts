import { ParslError } from './ParslError.js';

/** No configured staging provider handles this URL. */
export class UnsupportedSchemeError extends ParslError {
  public constructor(
    url: string,
    direction: 'in' | 'out',
    providers: readonly string[],
    executor?: string,
  ) {
    super(
      'STAGING_UNSUPPORTED_SCHEME',
      `staging: no provider can stage ${direction} ${url}${executor === undefined ? '' : ` on executor ${executor}`} (configured: ${providers.join(', ') || 'none'}). Add a staging provider for this scheme to the executor's storageAccess.`,
    );
  }
}

/** A transfer failed. */
export class StagingError extends ParslError {
  public constructor(url: string, reason: string, options?: ErrorOptions) {
    super('STAGING_FAILED', `staging ${url}: ${reason}`, options);
  }
}

/** Facts about a failed transfer, for {@link StagingTransferError}. */
export interface StagingTransferFacts {
  /** `<Provider>.<operation>`, e.g. `HttpSeparateTaskStaging.stageIn`. */
  readonly component: string;
  /** The URL, with any password removed. */
  readonly url: string;
  /** What failed, e.g. `HTTP 404 Not Found`. */
  readonly reason: string;
  /** How many attempts were made. */
  readonly attempts: number;
  /** True when the failure was transient (retries ran out), false when retrying could not help. */
  readonly transient: boolean;
  /** How to fix it, when known. */
  readonly hint?: string;
}

/**
 * A transfer failed after its retries: 404, refused connection, bad credentials, size mismatch.
 * Message: `<Provider>.<operation>: <reason> (url=…, attempts=N). <hint>`.
 */
export class StagingTransferError extends StagingError {
  public readonly component: string;
  public readonly url: string;
  public readonly attempts: number;
  public readonly transient: boolean;

  public constructor(facts: StagingTransferFacts, options?: ErrorOptions) {
    super(facts.url, facts.reason, options);
    this.component = facts.component;
    this.url = facts.url;
    this.attempts = facts.attempts;
    this.transient = facts.transient;
    this.message = `${facts.component}: ${facts.reason} (url=${facts.url}, attempts=${facts.attempts}).${facts.hint === undefined ? '' : ` ${facts.hint}`}`;
  }
}

/** A staging provider is configured wrongly (missing workingDir, bad endpoint mapping, no token). */
export class StagingConfigError extends ParslError {
  public constructor(component: string, problem: string, hint: string) {
    super('STAGING_FAILED', `${component}: ${problem}. ${hint}`);
  }
}
