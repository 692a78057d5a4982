// ALCF Theta (Cobalt): qsub -n <nodes> -t <minutes>; aprun with 64 cores per worker pool.
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'theta_local_htex_multinode',
      maxWorkers: 4,
      provider: {
        kind: 'cobalt',
        queue: 'YOUR_QUEUE',
        account: 'YOUR_ACCOUNT',
        launcher: { kind: 'aprun', overrides: '-d 64' },
        walltime: '00:30:00',
        nodesPerBlock: 2,
        initBlocks: 1,
        minBlocks: 1,
        maxBlocks: 1,
        schedulerOptions: '', // prepended to the script, e.g. '#COBALT --attrs mcdram=cache'
        workerInit: '',
        cmdTimeout: 120,
      },
    },
  ],
} as const;
