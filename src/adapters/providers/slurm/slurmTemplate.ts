/**
 * The sbatch script of a block (Python string.Template syntax, filled by renderTemplate).
 * Parsl: parsl/providers/slurm/template.py
 */
export const slurmTemplate = `#!/bin/bash

#SBATCH --job-name=\${jobname}
#SBATCH --output=\${submit_script_dir}/\${jobname}.submit.stdout
#SBATCH --error=\${submit_script_dir}/\${jobname}.submit.stderr
#SBATCH --nodes=\${nodes}
#SBATCH --time=\${walltime}
#SBATCH --ntasks-per-node=\${tasks_per_node}
\${scheduler_options}

\${worker_init}

export JOBNAME="\${jobname}"

\${user_script}
`;
