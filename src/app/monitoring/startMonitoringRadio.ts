import { randomBytes } from 'node:crypto';
import { UdpMonitoringRadio } from '../../adapters/monitoring/UdpMonitoringRadio.js';
import type { Logger } from '../../ports/Logger.js';
import type { MonitoringConfig } from '../config/MonitoringConfig.js';
import type { MonitoringHandle } from './attachMonitoring.js';
import { parseWorkerReport } from './parseWorkerReport.js';

/** A running hub listener and what workers need to reach it. */
export interface MonitoringRadio {
  /** `udp://<hubAddress>:<port>`: give it to workers as PARSL_MONITORING_HUB_URL. */
  readonly url: string;
  /** The shared secret: give it to workers as PARSL_MONITORING_HUB_KEY. */
  readonly key: string;
  /** Environment variables for worker processes. */
  readonly env: Readonly<Record<'PARSL_MONITORING_HUB_URL' | 'PARSL_MONITORING_HUB_KEY', string>>;
  close(): Promise<void>;
}

/**
 * Listens on UDP at hubAddress:hubPort (or a free port of hubPortRange) for signed worker reports
 * and records the valid ones through `handle`. A fresh random key per run signs the datagrams.
 * @throws {MonitoringError} when no port can be bound
 * Parsl: MonitoringHub's UDP listener (hub_address, hub_port, hub_port_range)
 */
export const startMonitoringRadio = async (
  config: Pick<MonitoringConfig, 'hubAddress' | 'hubPort' | 'hubPortRange'>,
  handle: Pick<MonitoringHandle, 'record'>,
  logger: Logger,
): Promise<MonitoringRadio> => {
  const key = randomBytes(32).toString('hex');
  let warned = false;
  const radio = new UdpMonitoringRadio(
    {
      address: config.hubAddress,
      key,
      portRange: config.hubPortRange,
      ...(config.hubPort === undefined ? {} : { port: config.hubPort }),
    },
    (message) => {
      const input = parseWorkerReport(message);
      if (input === undefined) {
        if (!warned)
          logger.warn(
            'monitoring radio: dropped a malformed worker report (further ones are not logged)',
          );
        warned = true;
        return false;
      }
      handle.record(input);
      return true;
    },
  );
  const port = await radio.start();
  const url = `udp://${config.hubAddress.includes(':') ? `[${config.hubAddress}]` : config.hubAddress}:${port}`;
  logger.info(`monitoring: listening for worker reports on ${url}`);
  return {
    url,
    key,
    env: { PARSL_MONITORING_HUB_URL: url, PARSL_MONITORING_HUB_KEY: key },
    close: () => radio.close(),
  };
};
