import { StagingTransferError } from '../../../domain/errors/StagingErrors.js';
import { describeError, RetriesExhausted } from './RetryPolicy.js';
import { redactUrl } from './stagedPath.js';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);

const hintFor = (error: unknown, message: string): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED')
    return 'Nothing listens there: check the host and port, and that the server is running.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'The host name does not resolve: check the URL.';
  if (typeof code === 'string' && TLS_CODES.has(code)) {
    return "The server's TLS certificate is not trusted: set the provider's caFile to its CA certificate (PEM).";
  }
  if (/\b(404|550)\b/.test(message)) return 'The file does not exist there: check the URL.';
  if (/\b(401|403|530)\b/.test(message) || code === 530)
    return 'Access denied: check the credentials.';
  return undefined;
};

/** Turns whatever a transfer threw (usually {@link RetriesExhausted}) into a StagingTransferError. */
export const toTransferError = (
  component: string,
  url: string,
  action: string,
  error: unknown,
): StagingTransferError => {
  if (error instanceof StagingTransferError) return error;
  const exhausted =
    error instanceof RetriesExhausted ? error : new RetriesExhausted(error, 1, false);
  const reason = `${action} failed: ${describeError(exhausted.lastError)}`;
  const hint = hintFor(exhausted.lastError, reason);
  return new StagingTransferError(
    {
      component,
      url: redactUrl(url),
      reason,
      attempts: exhausted.attempts,
      transient: exhausted.transient,
      ...(hint === undefined ? {} : { hint }),
    },
    { cause: exhausted.lastError },
  );
};
