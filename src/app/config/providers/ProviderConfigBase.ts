import { Type } from 'class-transformer';
import {
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidateNested,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ChannelConfigBase, LocalChannelConfig } from '../channels/LocalChannelConfig.js';
import {
  ALL_CHANNEL_CONFIG_TYPES,
  type AnyChannelConfig,
} from '../channels/remoteChannelConfigTypes.js';
import {
  LAUNCHER_CONFIG_TYPES,
  type LauncherConfig,
  LauncherConfigBase,
  SingleNodeLauncherConfig,
} from '../launchers/LauncherConfigs.js';

/** maxBlocks >= minBlocks and >= initBlocks. */
@ValidatorConstraint({ name: 'blockBounds' })
class BlockBounds implements ValidatorConstraintInterface {
  public validate(maxBlocks: unknown, args: ValidationArguments): boolean {
    const o = args.object as { minBlocks?: unknown; initBlocks?: unknown };
    const max = Number(maxBlocks);
    return Number(o.minBlocks ?? 0) <= max && Number(o.initBlocks ?? 0) <= max;
  }

  public defaultMessage(args: ValidationArguments): string {
    const o = args.object as { minBlocks?: unknown; initBlocks?: unknown };
    return `maxBlocks (${String(args.value)}) must be >= minBlocks (${String(o.minBlocks)}) and >= initBlocks (${String(o.initBlocks)})`;
  }
}

/**
 * Fields every provider config has (Parsl's common provider parameters); each subclass fixes
 * `kind` and overrides the defaults that differ. Parsl: parsl.providers.base.ExecutionProvider
 */
export abstract class ProviderConfigBase {
  /** Which provider: 'local', 'slurm', … */
  public abstract readonly kind: string;

  /** @default 1 */
  @IsInt()
  @Min(1)
  public nodesPerBlock = 1;

  /** Blocks started at load. */
  @IsInt()
  @Min(0)
  public initBlocks = 1;

  /** @default 0 */
  @IsInt()
  @Min(0)
  public minBlocks = 0;

  @IsInt()
  @Min(0)
  @Validate(BlockBounds)
  public maxBlocks = 1;

  /** Slots per outstanding task the strategy aims at, 0..1. @default 1 */
  @IsNumber()
  @Min(0)
  @Max(1)
  public parallelism = 1;

  /** Block walltime "HH:MM:SS". */
  @IsString()
  @Matches(/^\d+:[0-5]?\d:[0-5]?\d$/, {
    message: 'walltime must look like "HH:MM:SS", e.g. "00:30:00"',
  })
  public walltime = '00:10:00';

  /** Shell text run before the workers start, e.g. 'module load x; source env/bin/activate'. @default '' */
  @IsString()
  public workerInit = '';

  /** Seconds to wait for scheduler commands. */
  @IsNumber()
  @IsPositive()
  public cmdTimeout = 30;

  /** Cores per node (exported as PARSL_CORES). @default unset */
  @IsOptional()
  @IsInt()
  @Min(1)
  public coresPerNode?: number;

  /** Memory per node in GB (exported as PARSL_MEMORY_GB). @default unset */
  @IsOptional()
  @IsNumber()
  @IsPositive()
  public memPerNode?: number;

  /** How the block command is started on the nodes. */
  @ValidateNested()
  @Type(() => LauncherConfigBase, {
    discriminator: { property: 'kind', subTypes: [...LAUNCHER_CONFIG_TYPES] },
    keepDiscriminatorProperty: true,
  })
  public launcher: LauncherConfig = new SingleNodeLauncherConfig();

  /** Where scheduler commands run: this machine or a login node over SSH. @default { kind: 'local' } */
  @ValidateNested()
  @Type(() => ChannelConfigBase, {
    discriminator: { property: 'kind', subTypes: [...ALL_CHANNEL_CONFIG_TYPES] },
    keepDiscriminatorProperty: true,
  })
  public channel: AnyChannelConfig = new LocalChannelConfig();
}
