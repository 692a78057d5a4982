/** The qsub script of a Torque block. Parsl: parsl/providers/torque/template.py */
export const torqueTemplate = `#!/bin/bash

#PBS -S /bin/bash
#PBS -N \${jobname}
#PBS -m n
#PBS -l walltime=\${walltime}
#PBS -l nodes=\${nodes_per_block}:ppn=\${tasks_per_node}
#PBS -o \${job_stdout_path}
#PBS -e \${job_stderr_path}
\${scheduler_options}

\${worker_init}

export JOBNAME="\${jobname}"

\${user_script}
`;
