import { ParslError } from './ParslError.js';

/**
 * The monitoring store or hub failed: a database could not be opened, migrated, written or read.
 * Parsl: (parsl.monitoring raises plain exceptions; this names them)
 */
export class MonitoringError extends ParslError {
  public constructor(message: string, options?: ErrorOptions) {
    super('MONITORING_ERROR', message, options);
  }
}
