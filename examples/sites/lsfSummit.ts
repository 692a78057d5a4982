// ORNL Summit (LSF): bsub < script with -nnodes, workers started by jsrun.
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'Summit_HTEX',
      workerPortRange: [50000, 55000],
      provider: {
        kind: 'lsf',
        launcher: { kind: 'jsrun' },
        walltime: '00:10:00',
        nodesPerBlock: 2,
        initBlocks: 1,
        maxBlocks: 1,
        workerInit: '',
        project: 'YOUR_PROJECT_ALLOCATION',
        cmdTimeout: 60,
      },
    },
  ],
} as const;
