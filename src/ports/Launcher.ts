/**
 * Wraps the worker-pool command so that it starts on every node / core of a block
 * (srun, aprun, mpiexec, GNU parallel, …). Pure: it returns command text and runs nothing.
 * Parsl: parsl.launchers.base.Launcher
 */
export interface Launcher {
  /** The config `kind` of this launcher, e.g. 'srun'. */
  readonly kind: string;
  /**
   * Returns the shell text that runs `command` `tasksPerNode` times on each of `nodesPerBlock` nodes.
   * @throws {BadLauncher} when the combination is impossible for this launcher
   */
  wrap(command: string, tasksPerNode: number, nodesPerBlock: number): string;
}
