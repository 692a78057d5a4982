// A Torque/PBS cluster (Blue Waters style): aprun starts the workers on the block's nodes.
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'torque_htex',
      provider: {
        kind: 'torque',
        queue: 'normal',
        account: 'YOUR_ACCOUNT',
        nodesPerBlock: 2,
        initBlocks: 1,
        minBlocks: 1,
        maxBlocks: 1,
        walltime: '00:10:00',
        schedulerOptions: '', // e.g. '#PBS -l advres=myreservation'
        workerInit: '',
        launcher: { kind: 'aprun', overrides: '-b -- bwpy-environ --' },
      },
    },
  ],
} as const;
