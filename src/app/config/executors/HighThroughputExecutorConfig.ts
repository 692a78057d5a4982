import {
  Equals,
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { HighThroughputExecutorOptions } from '../../../adapters/executors/HighThroughputExecutor.js';
import type { ExecutionProvider } from '../../../ports/ExecutionProvider.js';
import { ExecutorConfigBase } from './ExecutorConfigBase.js';

/** `[low, high]` with 1 <= low < high <= 65536. */
@ValidatorConstraint({ name: 'portRange' })
class PortRange implements ValidatorConstraintInterface {
  public validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((port) => Number.isInteger(port) && port >= 1 && port <= 65536) &&
      (value[0] as number) < (value[1] as number)
    );
  }

  public defaultMessage(): string {
    return '$property must be [low, high] with 1 <= low < high <= 65536, e.g. [54000, 55000]';
  }
}

/** `[port, port]`: Parsl's worker_ports pair (the first is used). */
@ValidatorConstraint({ name: 'portPair' })
class PortPair implements ValidatorConstraintInterface {
  public validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((port) => Number.isInteger(port) && port >= 1 && port <= 65535)
    );
  }

  public defaultMessage(): string {
    return '$property must be two port numbers, e.g. [54001, 54002]';
  }
}

/**
 * The pilot-job executor: an interchange process plus worker pools started in blocks by the
 * provider, over ZeroMQ (CurveZMQ when `address` is not loopback).
 * Parsl: parsl.executors.HighThroughputExecutor
 */
export class HighThroughputExecutorConfig extends ExecutorConfigBase {
  @Equals('htex')
  public readonly kind = 'htex' as const;

  public override label = 'HighThroughputExecutor';

  /** Provider config node (its `kind` picks the adapter); built by the composition root. @default none (start pools by hand) */
  @IsOptional()
  @IsObject()
  public provider?: Record<string, unknown>;

  /** Pool command template; `{block_id}` is replaced per block. @default the parsl-ts worker-pool entry */
  @IsOptional()
  @IsString()
  public launchCmd?: string;

  /** Address pools connect to; not loopback = encrypted links. @default '127.0.0.1' */
  @IsString()
  public address = '127.0.0.1';

  /** Fixed pool port(s); the first is used. @default none */
  @IsOptional()
  @Validate(PortPair)
  public workerPorts?: [number, number];

  /** @default [54000, 55000] */
  @Validate(PortRange)
  public workerPortRange: [number, number] = [54000, 55000];

  /** @default [55000, 56000] */
  @Validate(PortRange)
  public interchangePortRange: [number, number] = [55000, 56000];

  /** Cap on workers per pool. @default unlimited */
  @IsOptional()
  @IsInt()
  @Min(1)
  public maxWorkers?: number;

  /** @default 1 */
  @IsNumber()
  @IsPositive()
  public coresPerWorker = 1;

  /** GB per worker. @default no limit */
  @IsOptional()
  @IsNumber()
  @IsPositive()
  public memPerWorker?: number;

  /** @default 0 */
  @IsInt()
  @Min(0)
  public prefetchCapacity = 0;

  /** Seconds. @default 30 */
  @IsNumber()
  @IsPositive()
  public heartbeatPeriod = 30;

  /** Seconds. @default 120 */
  @IsNumber()
  @IsPositive()
  public heartbeatThreshold = 120;

  /** Milliseconds (kept for parity; the loops are event-driven). @default 10 */
  @IsInt()
  @Min(1)
  public pollPeriod = 10;

  /** @default false */
  @IsBoolean()
  public workerDebug = false;

  // workingDir (where workers run and staged files go) and storageAccess come from ExecutorConfigBase.

  /** Force CurveZMQ on or off. @default true unless `address` is loopback */
  @IsOptional()
  @IsBoolean()
  public encrypted?: boolean;

  /** Seconds after which each pool asks to be drained. @default never */
  @IsOptional()
  @IsNumber()
  @IsPositive()
  public drainPeriod?: number;
}

/** Maps a validated config node (plus its built provider) to the adapter's options. */
export const htexOptionsFromConfig = (
  config: HighThroughputExecutorConfig,
  provider: ExecutionProvider | undefined,
): HighThroughputExecutorOptions => {
  const { kind: _kind, provider: _providerConfig, ...rest } = config;
  return provider === undefined ? rest : { ...rest, provider };
};
