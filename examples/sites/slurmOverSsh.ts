// Submit from a workstation to a Slurm cluster's login node over SSH: scheduler commands run on the
// login node, the submit script is copied there with SFTP. The host key must be in known_hosts
// (or use hostKeyPolicy: 'accept-new' once).
/** The site's parsl-ts configuration (pass it to `load`). */
export const config = {
  executors: [
    {
      kind: 'htex',
      label: 'remote_slurm_htex',
      address: '10.0.0.5', // an address of this machine the compute nodes can reach
      provider: {
        kind: 'slurm',
        partition: 'normal',
        nodesPerBlock: 1,
        walltime: '01:00:00',
        launcher: { kind: 'srun' },
        channel: {
          kind: 'ssh',
          hostname: 'login.cluster.example.org',
          username: 'YOUR_USERNAME',
          keyFilename: '/home/you/.ssh/id_ed25519',
          scriptDir: '/home/YOUR_USERNAME/parsl_scripts',
        },
      },
    },
  ],
} as const;
