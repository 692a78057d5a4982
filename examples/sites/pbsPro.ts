// A PBS Pro cluster: select=<nodes>:ncpus=<cpusPerNode>, status from `qstat -x -f -F json`.
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'pbspro_htex',
      provider: {
        kind: 'pbspro',
        queue: 'workq',
        account: 'YOUR_ACCOUNT',
        cpusPerNode: 36,
        selectOptions: 'ngpus=1',
        nodesPerBlock: 1,
        maxBlocks: 4,
        walltime: '01:00:00',
        launcher: { kind: 'mpiexec' },
      },
    },
  ],
} as const;
