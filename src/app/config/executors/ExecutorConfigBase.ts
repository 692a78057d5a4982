import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { StagingConfigBase } from '../staging/StagingConfigBase.js';
import { STAGING_CONFIG_TYPES, type StagingConfig } from '../staging/stagingConfigTypes.js';

/** Fields every executor config has. Each subclass fixes `kind`. */
export abstract class ExecutorConfigBase {
  /** Which adapter: 'thread-pool', 'in-process', 'htex', … */
  public abstract readonly kind: string;

  /** Unique among the config's executors; apps name it in `executors`. */
  @IsString()
  @IsNotEmpty()
  @Matches(/^(?!_parsl)/, {
    message: 'labels starting with _parsl are reserved for parsl-ts itself',
  })
  public label!: string;

  /** When false, the user starts and stops this executor; cleanup leaves it alone. @default true */
  @IsBoolean()
  public managed = true;

  /**
   * Staging providers for this executor, in order (first match wins). Setting it replaces the default
   * list entirely. @default unset: defaultStaging() (no-op-file, ftp, http) plus providers bound to
   * TOKENS.StagingProvider. Parsl: storage_access
   */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StagingConfigBase, {
    discriminator: { property: 'kind', subTypes: [...STAGING_CONFIG_TYPES] },
    keepDiscriminatorProperty: true,
  })
  public storageAccess?: StagingConfig[];

  /** Where staged copies of files go on the workers. @default unset (the worker's cwd). Parsl: working_dir */
  @IsOptional()
  @IsString()
  public workingDir?: string;
}
