import { describe, expect, it } from 'vitest';
import { JsrunLauncher } from '../../../src/adapters/launchers/JsrunLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for JsrunLauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
WORKERCOUNT=8

cat << JSRUN_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
JSRUN_EOF
chmod a+x cmd_$JOBNAME.sh

jsrun -n 8 -r 4  /bin/bash cmd_$JOBNAME.sh &
wait

[[ "1" == "1" ]] && echo "Done"
`;

/** Parsl's text for JsrunLauncher({ debug: false, overrides: '-a 1' }) with 4 tasks per node, 2 nodes. */
const GOLDEN_1 = `set -e
WORKERCOUNT=8

cat << JSRUN_EOF > cmd_$JOBNAME.sh
process_worker_pool.py --block_id=3 -w $CORES
JSRUN_EOF
chmod a+x cmd_$JOBNAME.sh

jsrun -n 8 -r 4 -a 1 /bin/bash cmd_$JOBNAME.sh &
wait

[[ "0" == "1" ]] && echo "Done"
`;

describe(JsrunLauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new JsrunLauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it("produces Parsl's exact script with { debug: false, overrides: -a 1 }", () => {
      expect(new JsrunLauncher({ debug: false, overrides: '-a 1' }).wrap(COMMAND, 4, 2)).toBe(
        GOLDEN_1,
      );
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new JsrunLauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new JsrunLauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new JsrunLauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
