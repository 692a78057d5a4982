import { describe, expect, it } from 'vitest';
import {
  COBALT_STATES,
  parseCobaltQstat,
} from '../../../src/adapters/providers/cobalt/cobaltStates.js';
import {
  CONDOR_STATES,
  parseCondorQ,
} from '../../../src/adapters/providers/condor/condorStates.js';
import {
  GRID_ENGINE_STATES,
  parseGridEngineQstat,
  translateGridEngineState,
} from '../../../src/adapters/providers/gridEngine/gridEngineStates.js';
import { LSF_STATES, parseBjobs } from '../../../src/adapters/providers/lsf/lsfStates.js';
import {
  PBSPRO_STATES,
  parsePbsProQstat,
} from '../../../src/adapters/providers/pbspro/pbsProStates.js';
import {
  parseTorqueQstat,
  TORQUE_STATES,
} from '../../../src/adapters/providers/torque/torqueStates.js';

describe('native job states', () => {
  it.each([
    ['Torque', TORQUE_STATES, 9],
    ['PBS Pro', PBSPRO_STATES, 12],
    ['Cobalt', COBALT_STATES, 11],
    ['HTCondor', CONDOR_STATES, 8],
    ['LSF', LSF_STATES, 11],
  ] as const)('%s maps every documented state', (_name, table, count) => {
    expect(Object.keys(table)).toHaveLength(count);
  });

  it.each(GRID_ENGINE_STATES)('Grid Engine state %s maps to a known state', (native) => {
    expect(translateGridEngineState(native)).not.toBe('UNKNOWN');
  });

  it.each([
    ['qw', 'PENDING'],
    ['hqw', 'HELD'],
    ['r', 'RUNNING'],
    ['t', 'RUNNING'],
    ['s', 'HELD'],
    ['Eqw', 'FAILED'],
    ['dr', 'CANCELLED'],
  ] as const)('Grid Engine %s is %s', (native, state) => {
    expect(translateGridEngineState(native)).toBe(state);
  });
});

describe('status output parsers', () => {
  it('Torque qstat: matches truncated ids and reads the S column', () => {
    const out = `Job ID                    Name             User            Time Use S Queue
------------------------- ---------------- --------------- -------- - -----
1234567890123456789012345 parsl.test       root            00:00:00 R batch
12.server                 parsl.other      root            00:00:00 C batch
`;
    const states = parseTorqueQstat(out, ['1234567890123456789012345678.longserver', '12.server']);
    expect([...states.entries()].map(([id, s]) => [id, s.state])).toEqual([
      ['1234567890123456789012345678.longserver', 'RUNNING'],
      ['12.server', 'COMPLETED'],
    ]);
  });

  it('PBS Pro qstat -F json: FAILED when a finished job exited non-zero', () => {
    const out = JSON.stringify({
      Jobs: { '1.pbs': { job_state: 'F', Exit_status: 3 }, '2.pbs': { job_state: 'Q' } },
    });
    const states = parsePbsProQstat(out, ['1.pbs', '2.pbs']);
    expect([states.get('1.pbs'), states.get('2.pbs')]).toEqual([
      { state: 'FAILED', exitCode: 3 },
      { state: 'PENDING' },
    ]);
  });

  it('Cobalt qstat -u: upper-cases the state column and skips the ==== line', () => {
    const out =
      'JobID  User  WallTime  Nodes  State    Location\n======================\n101  me  00:10:00  2  running  nid[1-2]\n102  me  00:10:00  1  user_hold  None\n';
    expect([...parseCobaltQstat(out, ['101', '102']).values()].map((s) => s.state)).toEqual([
      'RUNNING',
      'HELD',
    ]);
  });

  it('condor_q -af:jr: Completed with a non-zero ExitCode is FAILED', () => {
    const states = parseCondorQ('7.0 4 2\n8.0 2 undefined\n9.0 5 undefined\n');
    expect([...states.values()].map((s) => s.state)).toEqual(['FAILED', 'RUNNING', 'HELD']);
  });

  it('Grid Engine qstat: reads the state column of our jobs only', () => {
    const out = `job-ID  prior   name       user         state submit/start at     queue                          slots ja-task-ID
-----------------------------------------------------------------------------------------------------------------
      3 0.55500 parsl.test root         r     11/21/2026 13:10:10 all.q@vm                           1
      4 0.00000 other      root         qw    11/21/2026 13:10:11                                    1
`;
    expect([...parseGridEngineQstat(out, ['3']).entries()]).toEqual([['3', { state: 'RUNNING' }]]);
  });

  it('LSF bjobs: reads STAT', () => {
    const out =
      'JOBID   USER    STAT  QUEUE      FROM_HOST   EXEC_HOST   JOB_NAME   SUBMIT_TIME\n55 me DONE normal login1 batch1 parsl Nov 21 13:00\n56 me PSUSP normal login1 parsl Nov 21 13:00\n';
    expect([...parseBjobs(out, ['55', '56']).values()].map((s) => s.state)).toEqual([
      'COMPLETED',
      'HELD',
    ]);
  });
});
