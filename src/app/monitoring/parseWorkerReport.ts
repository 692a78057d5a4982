import type { JobState } from '../../domain/job/JobState.js';
import type { MonitoringInput } from './MonitoringInput.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const nums = (o: Json, keys: readonly string[]): boolean =>
  keys.every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]));
const strs = (o: Json, keys: readonly string[]): boolean =>
  keys.every((k) => typeof o[k] === 'string');
const JOB_STATES = new Set([
  'UNKNOWN',
  'PENDING',
  'RUNNING',
  'CANCELLED',
  'COMPLETED',
  'FAILED',
  'TIMEOUT',
  'HELD',
  'MISSING',
  'SCALED_IN',
]);

const RESOURCE_NUMBERS = [
  'taskId',
  'tryId',
  'pid',
  'timestamp',
  'cpuPercent',
  'timeUser',
  'timeSystem',
  'memoryResident',
  'memoryVirtual',
  'diskRead',
  'diskWrite',
  'childrenCount',
] as const;

/**
 * A report received from a worker (over the monitoring radio) as a hub input, or undefined when it
 * is not a well-formed resource, node-info or block-status report. Only known fields are copied.
 */
export const parseWorkerReport = (message: unknown): MonitoringInput | undefined => {
  if (!isObject(message)) return undefined;
  switch (message['type']) {
    case 'resource': {
      if (!nums(message, RESOURCE_NUMBERS)) return undefined;
      const n = (k: (typeof RESOURCE_NUMBERS)[number]) => message[k] as number;
      return {
        type: 'resource',
        taskId: n('taskId'),
        tryId: n('tryId'),
        pid: n('pid'),
        timestamp: n('timestamp'),
        cpuPercent: n('cpuPercent'),
        timeUser: n('timeUser'),
        timeSystem: n('timeSystem'),
        memoryResident: n('memoryResident'),
        memoryVirtual: n('memoryVirtual'),
        diskRead: n('diskRead'),
        diskWrite: n('diskWrite'),
        childrenCount: n('childrenCount'),
      };
    }
    case 'node-info': {
      if (
        !strs(message, ['executor', 'hostname', 'uid']) ||
        !nums(message, ['cpuCount', 'totalMemory', 'workerCount', 'at'])
      )
        return undefined;
      const blockId = message['blockId'];
      if (blockId !== null && typeof blockId !== 'string') return undefined;
      if (typeof message['active'] !== 'boolean') return undefined;
      return {
        type: 'node-info',
        executor: message['executor'] as string,
        hostname: message['hostname'] as string,
        uid: message['uid'] as string,
        blockId,
        cpuCount: message['cpuCount'] as number,
        totalMemory: message['totalMemory'] as number,
        active: message['active'],
        workerCount: message['workerCount'] as number,
        at: message['at'] as number,
      };
    }
    case 'block-status': {
      if (!strs(message, ['executor', 'blockId', 'state']) || !nums(message, ['at']))
        return undefined;
      if (!JOB_STATES.has(message['state'] as string)) return undefined;
      return {
        type: 'block-status',
        executor: message['executor'] as string,
        blockId: message['blockId'] as string,
        state: message['state'] as JobState,
        previous: undefined,
        at: message['at'] as number,
      };
    }
    default:
      return undefined;
  }
};
