import { describe, expect, it } from 'vitest';
import { MpiExecLauncher } from '../../../src/adapters/launchers/MpiExecLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for MpiExecLauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "1" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=8

# Deduplicate the nodefile
HOSTFILE="$JOBNAME.nodes"
if [ -z "$PBS_NODEFILE" ]; then
    echo "localhost" > $HOSTFILE
else
    sort -u $PBS_NODEFILE > $HOSTFILE
fi

cat << MPIEXEC_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
MPIEXEC_EOF
chmod u+x cmd_$JOBNAME.sh

mpiexec --bind-to none  -n $WORKERCOUNT --hostfile $HOSTFILE /usr/bin/sh cmd_$JOBNAME.sh

[[ "1" == "1" ]] && echo "All workers done"
`;

/** Parsl's text for MpiExecLauncher({ debug: false, bindCmd: '--bind-to-core', overrides: '--oversubscribe' }) with 4 tasks per node, 2 nodes. */
const GOLDEN_1 = `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "0" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=8

# Deduplicate the nodefile
HOSTFILE="$JOBNAME.nodes"
if [ -z "$PBS_NODEFILE" ]; then
    echo "localhost" > $HOSTFILE
else
    sort -u $PBS_NODEFILE > $HOSTFILE
fi

cat << MPIEXEC_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
MPIEXEC_EOF
chmod u+x cmd_$JOBNAME.sh

mpiexec --bind-to-core none --oversubscribe -n $WORKERCOUNT --hostfile $HOSTFILE /usr/bin/sh cmd_$JOBNAME.sh

[[ "0" == "1" ]] && echo "All workers done"
`;

describe(MpiExecLauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new MpiExecLauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it("produces Parsl's exact script with { debug: false, bindCmd: --bind-to-core, overrides: --oversubscribe }", () => {
      expect(
        new MpiExecLauncher({
          debug: false,
          bindCmd: '--bind-to-core',
          overrides: '--oversubscribe',
        }).wrap(COMMAND, 4, 2),
      ).toBe(GOLDEN_1);
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new MpiExecLauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new MpiExecLauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new MpiExecLauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
