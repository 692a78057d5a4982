import { describe, expect, it } from 'vitest';
import { AprunLauncher } from '../../../src/adapters/launchers/AprunLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for AprunLauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
WORKERCOUNT=8

cat << APRUN_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
APRUN_EOF
chmod a+x cmd_$JOBNAME.sh

aprun -n 8 -N 4  /bin/bash cmd_$JOBNAME.sh &
wait

[[ "1" == "1" ]] && echo "Done"
`;

/** Parsl's text for AprunLauncher({ debug: false, overrides: '-d 64' }) with 4 tasks per node, 2 nodes. */
const GOLDEN_1 = `set -e
WORKERCOUNT=8

cat << APRUN_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
APRUN_EOF
chmod a+x cmd_$JOBNAME.sh

aprun -n 8 -N 4 -d 64 /bin/bash cmd_$JOBNAME.sh &
wait

[[ "0" == "1" ]] && echo "Done"
`;

describe(AprunLauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new AprunLauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it("produces Parsl's exact script with { debug: false, overrides: -d 64 }", () => {
      expect(new AprunLauncher({ debug: false, overrides: '-d 64' }).wrap(COMMAND, 4, 2)).toBe(
        GOLDEN_1,
      );
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new AprunLauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new AprunLauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new AprunLauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
