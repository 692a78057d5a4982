import {
  AuthException,
  BadHostKeyException,
  type ChannelError,
  SSHException,
} from '../../../domain/errors/ChannelErrors.js';

const HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing listens there; is sshd running and is the port right?',
  ENOTFOUND: 'the host name does not resolve; check hostname',
  EAI_AGAIN: 'the host name does not resolve; check hostname and DNS',
  EHOSTUNREACH: 'the host is unreachable; check hostname and the network',
  ENETUNREACH: 'the network is unreachable; check hostname and the network',
  ETIMEDOUT: 'the connection timed out; check hostname, port and firewalls',
};

/**
 * Turns an ssh2 connect error into the channel error a user can act on.
 * `target` is user@host:port; `hostKeyProblem` is set when our host key check refused the key.
 */
export const translateConnectError = (
  target: string,
  error: Error & { level?: string; code?: string },
  hostKeyProblem: string | undefined,
): ChannelError => {
  const host = target.replace(/^.*@/, '').replace(/:\d+$/, '');
  if (hostKeyProblem !== undefined) {
    return new BadHostKeyException(host, `SshChannel.connect(${target}): ${hostKeyProblem}`, {
      cause: error,
    });
  }
  if (error.level === 'client-authentication') {
    return new AuthException(
      host,
      `SshChannel.connect(${target}): the server refused every offered method (${error.message}). Check username, password, keyFilename or the agent, and that the key is in the host's authorized_keys.`,
      { cause: error },
    );
  }
  if (
    error.level === 'client-timeout' ||
    /Timed out while waiting for handshake/.test(error.message)
  ) {
    return new SSHException(
      host,
      `SshChannel.connect(${target}): no SSH handshake in time (${error.message}). Check hostname, port and firewalls, or raise connectTimeoutMs.`,
      { cause: error },
    );
  }
  const hint =
    (error.code !== undefined ? HINTS[error.code] : undefined) ?? 'check hostname and port';
  return new SSHException(host, `SshChannel.connect(${target}): ${error.message}; ${hint}`, {
    cause: error,
  });
};
