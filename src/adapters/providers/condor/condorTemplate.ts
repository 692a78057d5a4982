/** The HTCondor submit description of a block. Parsl: parsl/providers/condor/template.py */
export const condorTemplate = `
universe                = vanilla
should_transfer_files   = YES
when_to_transfer_output = ON_EXIT_OR_EVICT
Transfer_Executable     = false
transfer_input_files    = \${input_files}
machine_count           = \${nodes}
output                  = \${submit_script_dir}/\${job_name}.stdout
error                   = \${submit_script_dir}/\${job_name}.stderr
log                     = \${submit_script_dir}/\${job_name}.log
executable              = /bin/bash
arguments               = \${job_script}
requirements            = \${requirements}
+projectname            = \${project}
leave_in_queue          = TRUE
environment             = "\${environment}"
\${scheduler_options}

queue

`;
