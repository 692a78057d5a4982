// A Grid Engine cluster (CC-IN2P3 style), run on the login node with the local channel.
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'cc_in2p3_htex',
      maxWorkers: 2,
      provider: {
        kind: 'grid-engine',
        channel: { kind: 'local' },
        nodesPerBlock: 1,
        initBlocks: 2,
        maxBlocks: 2,
        walltime: '00:20:00',
        schedulerOptions: '', // e.g. '#$ -l sps=1'
        workerInit: '',
      },
    },
  ],
} as const;
