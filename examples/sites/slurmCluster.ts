// A Slurm cluster, run from its login node (Midway / Comet / Frontera style): one HTEX block of
// two nodes, workers started on every node with srun. Replace the partition and account.
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'slurm_htex',
      maxWorkers: 2,
      provider: {
        kind: 'slurm',
        partition: 'debug', // YOUR_PARTITION (`sinfo -h -o %P`)
        account: 'YOUR_ALLOCATION',
        nodesPerBlock: 2,
        initBlocks: 1,
        minBlocks: 1,
        maxBlocks: 1,
        walltime: '00:30:00',
        schedulerOptions: '', // e.g. '#SBATCH --constraint=knl,quad,cache'
        workerInit: '', // e.g. 'module load nodejs'
        cmdTimeout: 120, // slow schedulers: raise the command timeout
        launcher: { kind: 'srun' },
      },
    },
  ],
} as const;
