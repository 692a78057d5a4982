import { ParslError } from './ParslError.js';

/** No configured staging provider handles this URL. */
export class UnsupportedSchemeError extends ParslError {
  public constructor(url: string, direction: 'in' | 'out', providers: readonly string[]) {
    super(
      'STAGING_UNSUPPORTED_SCHEME',
      `staging: no provider can stage ${direction} ${url} (configured: ${providers.join(', ') || 'none'}). Add a staging provider for this scheme to the executor's storageAccess.`,
    );
  }
}

/** A transfer failed. */
export class StagingError extends ParslError {
  public constructor(url: string, reason: string, options?: ErrorOptions) {
    super('STAGING_FAILED', `staging ${url}: ${reason}`, options);
  }
}
