import { describe, expect, it } from 'vitest';
import { groupInstructions } from '../../bench/support/recordingInstructions.js';

// The shape of `cg_annotate --auto=no --threshold=0` on a cg_diff file (valgrind 3.19).
const annotated = `--------------------------------------------------------------------------------
Ir
--------------------------------------------------------------------------------
1,000,000 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                    file:function
--------------------------------------------------------------------------------
400,000 (40.00%)  ???:???
300,000 (30.00%)  ???:v8::internal::Scavenger::ScavengeObject(v8::internal::HeapObject)
200,000 (20.00%)  ???:Builtins_LoadIC
150,000 (15.00%)  ???:v8::internal::compiler::GraphReducer::ReduceTop()
 -90,000 (-9.00%)  ???:v8::internal::compiler::Scheduler::ScheduleLate()
 40,000 ( 4.00%)  ./string/memmove-vec-unaligned-erms.S:__memcpy_avx_unaligned_erms
`;

describe('groupInstructions', () => {
  it('sums the function rows into compiler, GC, JIT code, builtins and the rest, negatives included', () => {
    expect(groupInstructions(annotated)).toEqual({
      total: 1_000_000,
      compiler: 60_000,
      gc: 300_000,
      jit: 400_000,
      builtins: 200_000,
      other: 40_000,
    });
  });

  it('ignores the program totals above the function table', () => {
    expect(groupInstructions(annotated.split('file:function')[0] as string).total).toBe(0);
  });
});
