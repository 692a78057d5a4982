/** What the kernel decides after a failed attempt. */
export type RetryDecision =
  | { readonly kind: 'retry'; readonly failCost: number }
  | { readonly kind: 'fail'; readonly failCost: number };

/**
 * Parsl's retry rule: each failure adds its cost (1 by default, or what the retry handler says) to
 * the task's running cost; the task is retried while that cost stays within `retries`.
 */
export const decideRetry = (
  previousCost: number,
  failureCost: number,
  retries: number,
): RetryDecision => {
  const failCost = previousCost + failureCost;
  return failCost <= retries ? { kind: 'retry', failCost } : { kind: 'fail', failCost };
};
