import { describe, expect, it } from 'vitest';
import { GnuParallelLauncher } from '../../../src/adapters/launchers/GnuParallelLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for GnuParallelLauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "1" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=8

# Deduplicate the nodefile
SSHLOGINFILE="$JOBNAME.nodes"
if [ -z "$PBS_NODEFILE" ]; then
    echo "localhost" > $SSHLOGINFILE
else
    sort -u $PBS_NODEFILE > $SSHLOGINFILE
fi

cat << PARALLEL_CMD_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
PARALLEL_CMD_EOF
chmod u+x cmd_$JOBNAME.sh

#file to contain the commands to parallel
PFILE=cmd_\${JOBNAME}.sh.parallel

# Truncate the file
cp /dev/null $PFILE

for COUNT in $(seq 1 1 $WORKERCOUNT)
do
    echo "sh cmd_$JOBNAME.sh" >> $PFILE
done

parallel --env _ --joblog "$JOBNAME.sh.parallel.log" \\
    --sshloginfile $SSHLOGINFILE --jobs 4 < $PFILE

[[ "1" == "1" ]] && echo "All workers done"
`;

describe(GnuParallelLauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new GnuParallelLauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new GnuParallelLauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new GnuParallelLauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new GnuParallelLauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
