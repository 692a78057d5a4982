import { describe, expect, it } from 'vitest';
import { SingleNodeLauncher } from '../../../src/adapters/launchers/SingleNodeLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

/** The worker command used in every golden text. */
const COMMAND = 'process_worker_pool.py --block_id=3 -w $CORES';

/** Parsl's text for SingleNodeLauncher() with 4 tasks per node, 2 nodes. */
const GOLDEN_0 = `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "1" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=8
FAILONANY=0
PIDS=""

CMD() {
process_worker_pool.py --block_id=3 -w $CORES
}
for COUNT in $(seq 1 1 $WORKERCOUNT); do
    [[ "1" == "1" ]] && echo "Launching worker: $COUNT"
    CMD $COUNT &
    PIDS="$PIDS $!"
done

ALLFAILED=1
ANYFAILED=0
for PID in $PIDS ; do
    wait $PID
    if [ "$?" != "0" ]; then
        ANYFAILED=1
    else
        ALLFAILED=0
    fi
done

[[ "1" == "1" ]] && echo "All workers done"
if [ "$FAILONANY" == "1" ]; then
    exit $ANYFAILED
else
    exit $ALLFAILED
fi
`;

/** Parsl's text for SingleNodeLauncher({ debug: false, failOnAny: true }) with 4 tasks per node, 2 nodes. */
const GOLDEN_1 = `set -e
export CORES=$(getconf _NPROCESSORS_ONLN)
[[ "0" == "1" ]] && echo "Found cores : $CORES"
WORKERCOUNT=8
FAILONANY=1
PIDS=""

CMD() {
process_worker_pool.py --block_id=3 -w $CORES
}
for COUNT in $(seq 1 1 $WORKERCOUNT); do
    [[ "0" == "1" ]] && echo "Launching worker: $COUNT"
    CMD $COUNT &
    PIDS="$PIDS $!"
done

ALLFAILED=1
ANYFAILED=0
for PID in $PIDS ; do
    wait $PID
    if [ "$?" != "0" ]; then
        ANYFAILED=1
    else
        ALLFAILED=0
    fi
done

[[ "0" == "1" ]] && echo "All workers done"
if [ "$FAILONANY" == "1" ]; then
    exit $ANYFAILED
else
    exit $ALLFAILED
fi
`;

describe(SingleNodeLauncher.name, () => {
  describe('.wrap', () => {
    it("produces Parsl's exact script with default options", () => {
      expect(new SingleNodeLauncher().wrap(COMMAND, 4, 2)).toBe(GOLDEN_0);
    });

    it("produces Parsl's exact script with { debug: false, failOnAny: true }", () => {
      expect(new SingleNodeLauncher({ debug: false, failOnAny: true }).wrap(COMMAND, 4, 2)).toBe(
        GOLDEN_1,
      );
    });

    it('throws BadLauncher naming the field when tasksPerNode is not a positive integer', () => {
      expect(() => new SingleNodeLauncher().wrap(COMMAND, 0, 1)).toThrow(BadLauncher);
      expect(() => new SingleNodeLauncher().wrap(COMMAND, 1.5, 1)).toThrow(/tasksPerNode/);
    });

    it('throws BadLauncher naming the field when nodesPerBlock is not a positive integer', () => {
      expect(() => new SingleNodeLauncher().wrap(COMMAND, 1, 0)).toThrow(/nodesPerBlock/);
    });
  });
});
