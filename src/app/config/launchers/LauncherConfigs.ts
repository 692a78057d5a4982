import { Equals, IsBoolean, IsNotEmpty, IsString } from 'class-validator';
import type { AprunLauncherOptions } from '../../../adapters/launchers/AprunLauncher.js';
import type { GnuParallelLauncherOptions } from '../../../adapters/launchers/GnuParallelLauncher.js';
import type { JsrunLauncherOptions } from '../../../adapters/launchers/JsrunLauncher.js';
import type { MpiExecLauncherOptions } from '../../../adapters/launchers/MpiExecLauncher.js';
import type { MpiRunLauncherOptions } from '../../../adapters/launchers/MpiRunLauncher.js';
import type { SimpleLauncherOptions } from '../../../adapters/launchers/SimpleLauncher.js';
import type { SingleNodeLauncherOptions } from '../../../adapters/launchers/SingleNodeLauncher.js';
import type { SrunLauncherOptions } from '../../../adapters/launchers/SrunLauncher.js';
import type { SrunMPILauncherOptions } from '../../../adapters/launchers/SrunMPILauncher.js';
import type { WrappedLauncherOptions } from '../../../adapters/launchers/WrappedLauncher.js';

/** Fields every launcher config has; each subclass fixes `kind`. Parsl: parsl.launchers.base.Launcher */
export abstract class LauncherConfigBase {
  /** Which launcher: 'single-node', 'srun', 'mpiexec', … */
  public abstract readonly kind: string;

  /** Print progress lines from the wrapper script. @default true */
  @IsBoolean()
  public debug = true;
}

/** Launchers that pass extra arguments to their tool. */
abstract class OverridingLauncherConfig extends LauncherConfigBase {
  /** Extra arguments for the launch tool (srun, aprun, jsrun, mpiexec, mpirun). @default '' */
  @IsString()
  public overrides = '';
}

/** No wrapping. Parsl: SimpleLauncher */
export class SimpleLauncherConfig extends LauncherConfigBase {
  @Equals('simple')
  public readonly kind = 'simple' as const;
}

/** N copies as bash background jobs on one node. Parsl: SingleNodeLauncher */
export class SingleNodeLauncherConfig extends LauncherConfigBase {
  @Equals('single-node')
  public readonly kind = 'single-node' as const;

  /** Exit non-zero if any copy failed (else only if all failed). @default false */
  @IsBoolean()
  public failOnAny = false;
}

/** One `srun --ntasks N`. Parsl: SrunLauncher */
export class SrunLauncherConfig extends OverridingLauncherConfig {
  @Equals('srun')
  public readonly kind = 'srun' as const;
}

/** One `srun` per worker, for MPI apps. Parsl: SrunMPILauncher */
export class SrunMPILauncherConfig extends OverridingLauncherConfig {
  @Equals('srun-mpi')
  public readonly kind = 'srun-mpi' as const;
}

/** `aprun -n -N` on Cray. Parsl: AprunLauncher */
export class AprunLauncherConfig extends OverridingLauncherConfig {
  @Equals('aprun')
  public readonly kind = 'aprun' as const;
}

/** `jsrun -n -r` on LSF/Summit. Parsl: JsrunLauncher */
export class JsrunLauncherConfig extends OverridingLauncherConfig {
  @Equals('jsrun')
  public readonly kind = 'jsrun' as const;
}

/** `mpiexec -n --hostfile`. Parsl: MpiExecLauncher */
export class MpiExecLauncherConfig extends OverridingLauncherConfig {
  @Equals('mpiexec')
  public readonly kind = 'mpiexec' as const;

  /** mpiexec's CPU-binding argument (given `none`). @default '--bind-to' */
  @IsString()
  @IsNotEmpty()
  public bindCmd = '--bind-to';
}

/** `mpirun -np`. Parsl: MpiRunLauncher */
export class MpiRunLauncherConfig extends OverridingLauncherConfig {
  @Equals('mpirun')
  public readonly kind = 'mpirun' as const;

  /** Shell that runs each rank's command file. @default '/bin/bash' */
  @IsString()
  @IsNotEmpty()
  public bashLocation = '/bin/bash';
}

/** GNU parallel over --sshloginfile. Parsl: GnuParallelLauncher */
export class GnuParallelLauncherConfig extends LauncherConfigBase {
  @Equals('gnu-parallel')
  public readonly kind = 'gnu-parallel' as const;
}

/** A prepended command (containers, shifter, `time`). Parsl: WrappedLauncher */
export class WrappedLauncherConfig extends LauncherConfigBase {
  @Equals('wrapped')
  public readonly kind = 'wrapped' as const;

  /** The command put before the worker command, e.g. 'shifter --image=docker:me/worker:1'. */
  @IsString()
  @IsNotEmpty()
  public prepend!: string;
}

/** Every launcher config class, by `kind`; add new kinds here and in `launcherFactories`. */
export const LAUNCHER_CONFIG_TYPES = [
  { name: 'simple', value: SimpleLauncherConfig },
  { name: 'single-node', value: SingleNodeLauncherConfig },
  { name: 'srun', value: SrunLauncherConfig },
  { name: 'srun-mpi', value: SrunMPILauncherConfig },
  { name: 'aprun', value: AprunLauncherConfig },
  { name: 'jsrun', value: JsrunLauncherConfig },
  { name: 'mpiexec', value: MpiExecLauncherConfig },
  { name: 'mpirun', value: MpiRunLauncherConfig },
  { name: 'gnu-parallel', value: GnuParallelLauncherConfig },
  { name: 'wrapped', value: WrappedLauncherConfig },
] as const;

/** Any launcher config. */
export type LauncherConfig = InstanceType<(typeof LAUNCHER_CONFIG_TYPES)[number]['value']>;

// Compile-time: each config class fits its adapter's options.
export const _launcherConfigsFitOptions: [
  (c: SimpleLauncherConfig) => SimpleLauncherOptions,
  (c: SingleNodeLauncherConfig) => SingleNodeLauncherOptions,
  (c: SrunLauncherConfig) => SrunLauncherOptions,
  (c: SrunMPILauncherConfig) => SrunMPILauncherOptions,
  (c: AprunLauncherConfig) => AprunLauncherOptions,
  (c: JsrunLauncherConfig) => JsrunLauncherOptions,
  (c: MpiExecLauncherConfig) => MpiExecLauncherOptions,
  (c: MpiRunLauncherConfig) => MpiRunLauncherOptions,
  (c: GnuParallelLauncherConfig) => GnuParallelLauncherOptions,
  (c: WrappedLauncherConfig) => WrappedLauncherOptions,
] = [
  (c) => c,
  (c) => c,
  (c) => c,
  (c) => c,
  (c) => c,
  (c) => c,
  (c) => c,
  (c) => c,
  (c) => c,
  (c) => c,
];
