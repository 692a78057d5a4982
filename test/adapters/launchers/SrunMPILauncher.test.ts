import { describe, expect, it } from 'vitest';
import { SrunMPILauncher } from '../../../src/adapters/launchers/SrunMPILauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for SrunMPILauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
export CORES=$SLURM_CPUS_ON_NODE
export NODES=$SLURM_JOB_NUM_NODES

[[ "1" == "1" ]] && echo "Found cores : $CORES"
[[ "1" == "1" ]] && echo "Found nodes : $NODES"
WORKERCOUNT=8

cat << SLURM_EOF > cmd_$SLURM_JOB_NAME.sh
process_worker_pool.py --block_id=3 -w $CORES
SLURM_EOF
chmod a+x cmd_$SLURM_JOB_NAME.sh

TASKBLOCKS=8

# If there are more taskblocks to be launched than nodes use
if (( "$TASKBLOCKS" > "$NODES" ))
then
    [[ "1" == "1" ]] && echo "TaskBlocks:$TASKBLOCKS > Nodes:$NODES"
    CORES_PER_BLOCK=$(($NODES * $CORES / $TASKBLOCKS))
    for blk in $(seq 1 1 $TASKBLOCKS):
    do
        srun --ntasks $CORES_PER_BLOCK -l  bash cmd_$SLURM_JOB_NAME.sh &
    done
    wait
else
    # A Task block could be integer multiples of Nodes
    [[ "1" == "1" ]] && echo "TaskBlocks:$TASKBLOCKS <= Nodes:$NODES"
    NODES_PER_BLOCK=$(( $NODES / $TASKBLOCKS ))
    for blk in $(seq 1 1 $TASKBLOCKS):
    do
        srun --exclusive --nodes $NODES_PER_BLOCK -l  bash cmd_$SLURM_JOB_NAME.sh &
    done
    wait

fi


[[ "1" == "1" ]] && echo "Done"
`;

describe(SrunMPILauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new SrunMPILauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new SrunMPILauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new SrunMPILauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new SrunMPILauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
