import { describe, expect, it } from 'vitest';
import { SrunLauncher } from '../../../src/adapters/launchers/SrunLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for SrunLauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
export CORES=$SLURM_CPUS_ON_NODE
export NODES=$SLURM_JOB_NUM_NODES

[[ "1" == "1" ]] && echo "Found cores : $CORES"
[[ "1" == "1" ]] && echo "Found nodes : $NODES"
WORKERCOUNT=8

path_cmd=$(dirname $SLURM_JOB_STDOUT)

cat << SLURM_EOF > $path_cmd/cmd_$SLURM_JOB_NAME.sh
process_worker_pool.py --block_id=3 -w $CORES
SLURM_EOF
chmod a+x $path_cmd/cmd_$SLURM_JOB_NAME.sh

srun --ntasks 8 -l  bash $path_cmd/cmd_$SLURM_JOB_NAME.sh

[[ "1" == "1" ]] && echo "Done"
`;

/** Parsl's text for SrunLauncher({ debug: false, overrides: '-c 272' }) with 4 tasks per node, 2 nodes. */
const GOLDEN_1 = `set -e
export CORES=$SLURM_CPUS_ON_NODE
export NODES=$SLURM_JOB_NUM_NODES

[[ "0" == "1" ]] && echo "Found cores : $CORES"
[[ "0" == "1" ]] && echo "Found nodes : $NODES"
WORKERCOUNT=8

path_cmd=$(dirname $SLURM_JOB_STDOUT)

cat << SLURM_EOF > $path_cmd/cmd_$SLURM_JOB_NAME.sh
process_worker_pool.py --block_id=3 -w $CORES
SLURM_EOF
chmod a+x $path_cmd/cmd_$SLURM_JOB_NAME.sh

srun --ntasks 8 -l -c 272 bash $path_cmd/cmd_$SLURM_JOB_NAME.sh

[[ "0" == "1" ]] && echo "Done"
`;

describe(SrunLauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new SrunLauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it("produces Parsl's exact script with { debug: false, overrides: -c 272 }", () => {
      expect(new SrunLauncher({ debug: false, overrides: '-c 272' }).wrap(COMMAND, 4, 2)).toBe(
        GOLDEN_1,
      );
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new SrunLauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new SrunLauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new SrunLauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
