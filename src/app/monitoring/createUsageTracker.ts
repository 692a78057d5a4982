import { UdpUsageTracker } from '../../adapters/monitoring/UdpUsageTracker.js';

/**
 * The usage tracker, or undefined when the user has not opted in. Opting in is
 * `usageTracking: true` in the config or `PARSL_TRACKING=true` in the environment; the collector
 * is `PARSL_TRACKING_ENDPOINT=host:port` (default 127.0.0.1:50077).
 * Parsl: Config(usage_tracking=True) / PARSL_TRACKING
 */
export const createUsageTracker = (
  configured: boolean,
  version: string,
  env: {
    readonly PARSL_TRACKING?: string;
    readonly PARSL_TRACKING_ENDPOINT?: string;
  } = process.env,
): UdpUsageTracker | undefined => {
  const optedIn = configured || env.PARSL_TRACKING?.toLowerCase() === 'true';
  if (!optedIn) return undefined;
  const endpoint = env.PARSL_TRACKING_ENDPOINT;
  const match = endpoint === undefined ? null : /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(endpoint.trim());
  return new UdpUsageTracker({
    version,
    ...(match?.[1] === undefined ? {} : { host: match[1], port: Number(match[2]) }),
  });
};
