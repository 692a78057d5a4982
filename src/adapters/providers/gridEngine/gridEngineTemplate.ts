/**
 * The qsub script of a Grid Engine block. Parsl: parsl/providers/grid_engine/template.py, except that
 * h_rt gets HH:MM:SS (Parsl passes minutes, which Grid Engine reads as seconds).
 */
export const gridEngineTemplate = `#!/bin/bash
#$$ -S /bin/bash
#$$ -o \${submit_script_dir}/\${jobname}.submit.stdout
#$$ -e \${submit_script_dir}/\${jobname}.submit.stderr
#$$ -cwd
#$$ -l h_rt=\${walltime}
\${scheduler_options}

\${worker_init}

export JOBNAME="\${jobname}"

\${user_script}
`;
