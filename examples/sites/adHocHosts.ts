// Ad-hoc machines without a scheduler, reached over SSH: one block per host, no scaling strategy.
const hosts = ['node1.example.org', 'node2.example.org'];

/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  strategy: 'none', // ad-hoc clusters should not be scaled
  executors: [
    {
      kind: 'htex',
      label: 'remote_htex',
      maxWorkers: 2,
      address: '10.0.0.5',
      provider: {
        kind: 'ad-hoc',
        workerInit: 'source ~/setup.sh',
        channels: hosts.map((hostname) => ({
          kind: 'ssh',
          hostname,
          username: 'YOUR_USERNAME',
          scriptDir: '/home/YOUR_USERNAME/parsl_scripts',
        })),
      },
    },
  ],
} as const;
