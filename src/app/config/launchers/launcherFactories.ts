import { AprunLauncher } from '../../../adapters/launchers/AprunLauncher.js';
import { GnuParallelLauncher } from '../../../adapters/launchers/GnuParallelLauncher.js';
import { JsrunLauncher } from '../../../adapters/launchers/JsrunLauncher.js';
import { MpiExecLauncher } from '../../../adapters/launchers/MpiExecLauncher.js';
import { MpiRunLauncher } from '../../../adapters/launchers/MpiRunLauncher.js';
import { SimpleLauncher } from '../../../adapters/launchers/SimpleLauncher.js';
import { SingleNodeLauncher } from '../../../adapters/launchers/SingleNodeLauncher.js';
import { SrunLauncher } from '../../../adapters/launchers/SrunLauncher.js';
import { SrunMPILauncher } from '../../../adapters/launchers/SrunMPILauncher.js';
import { WrappedLauncher } from '../../../adapters/launchers/WrappedLauncher.js';
import type { Launcher } from '../../../ports/Launcher.js';
import type { LauncherConfig } from './LauncherConfigs.js';

/** One factory per launcher `kind`; the compiler checks every kind has one. */
export const launcherFactories = {
  simple: (c) => new SimpleLauncher(c),
  'single-node': (c) => new SingleNodeLauncher(c),
  srun: (c) => new SrunLauncher(c),
  'srun-mpi': (c) => new SrunMPILauncher(c),
  aprun: (c) => new AprunLauncher(c),
  jsrun: (c) => new JsrunLauncher(c),
  mpiexec: (c) => new MpiExecLauncher(c),
  mpirun: (c) => new MpiRunLauncher(c),
  'gnu-parallel': (c) => new GnuParallelLauncher(c),
  wrapped: (c) => new WrappedLauncher(c),
} satisfies {
  [K in LauncherConfig['kind']]: (config: Extract<LauncherConfig, { kind: K }>) => Launcher;
};

/** Builds the launcher a validated config node describes. */
export const buildLauncher = (config: LauncherConfig): Launcher =>
  (launcherFactories[config.kind] as (c: LauncherConfig) => Launcher)(config);
