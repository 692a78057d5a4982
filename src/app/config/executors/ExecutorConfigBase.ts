import { IsBoolean, IsNotEmpty, IsString, Matches } from 'class-validator';

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
}
