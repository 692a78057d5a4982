// HTCondor (Open Science Grid style): four single-slot blocks with Condor requirements.
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'OSG_HTEX',
      maxWorkers: 1,
      provider: {
        kind: 'condor',
        nodesPerBlock: 1,
        initBlocks: 4,
        maxBlocks: 4,
        requirements: 'OSGVO_OS_STRING == "RHEL 7" && Arch == "X86_64" && HAS_MODULES == True',
        schedulerOptions: '+ProjectName = "YOUR_PROJECT"',
        environment: { OMP_NUM_THREADS: '1' },
        workerInit: '',
        walltime: '00:20:00',
      },
    },
  ],
} as const;
