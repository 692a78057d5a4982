import {
  BadStateError,
  type ExecutorError,
  VersionMismatchError,
} from '../../../domain/errors/ExecutorErrors.js';

/**
 * The error an executor's tasks fail with when its interchange is gone (`INTERCHANGE_LOST`) or
 * refused a pool for good (`VERSION_MISMATCH`), with the fix or the log to read.
 */
export const interchangeFatalError = (
  label: string,
  reason: string,
  code: 'VERSION_MISMATCH' | 'INTERCHANGE_LOST',
  logFile: string,
): ExecutorError =>
  code === 'VERSION_MISMATCH'
    ? new VersionMismatchError(
        label,
        `${reason}. Run the same parsl-ts and Node versions on the submit side and in every block.`,
      )
    : new BadStateError(label, `${reason}; its outstanding tasks were failed. See ${logFile}.`);
