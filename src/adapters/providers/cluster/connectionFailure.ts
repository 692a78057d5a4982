import {
  AuthException,
  BadHostKeyException,
  ChannelTimeout,
  SSHException,
} from '../../../domain/errors/ChannelErrors.js';
import { ScaleOutFailed } from '../../../domain/errors/ProviderErrors.js';

/**
 * A ScaleOutFailed for a channel that cannot reach its host (unreachable, wrong key, changed host
 * key, timeout); undefined for any other error.
 */
export const connectionFailure = (
  label: string,
  host: string,
  error: unknown,
): ScaleOutFailed | undefined => {
  const reachability =
    error instanceof SSHException ||
    error instanceof AuthException ||
    error instanceof BadHostKeyException ||
    error instanceof ChannelTimeout;
  if (!reachability) return undefined;
  return new ScaleOutFailed(label, `cannot reach ${host}: ${error.message}`, { cause: error });
};
