import { describe, expect, it } from 'vitest';
import { MpiRunLauncher } from '../../../src/adapters/launchers/MpiRunLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for MpiRunLauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "1" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=8

cat << MPIRUN_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
MPIRUN_EOF
chmod u+x cmd_$JOBNAME.sh

mpirun -np $WORKERCOUNT  /bin/bash cmd_$JOBNAME.sh

[[ "1" == "1" ]] && echo "All workers done"
`;

/** Parsl's text for MpiRunLauncher({ debug: false, bashLocation: '/usr/bin/bash', overrides: '--oversubscribe' }) with 4 tasks per node, 2 nodes. */
const GOLDEN_1 = `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "0" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=8

cat << MPIRUN_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
MPIRUN_EOF
chmod u+x cmd_$JOBNAME.sh

mpirun -np $WORKERCOUNT --oversubscribe /usr/bin/bash cmd_$JOBNAME.sh

[[ "0" == "1" ]] && echo "All workers done"
`;

describe(MpiRunLauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new MpiRunLauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it("produces Parsl's exact script with { debug: false, bashLocation: /usr/bin/bash, overrides: --oversubscribe }", () => {
      expect(
        new MpiRunLauncher({
          debug: false,
          bashLocation: '/usr/bin/bash',
          overrides: '--oversubscribe',
        }).wrap(COMMAND, 4, 2),
      ).toBe(GOLDEN_1);
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new MpiRunLauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new MpiRunLauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new MpiRunLauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
