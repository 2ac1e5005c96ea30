// expect: bad/missing-arg.ts(9,72): error TS2551: Property 'requested_gbb' does not exist on type '{ available_gb: number; pool: string; requested_gb: number; }'. Did you mean 'requested_gb'?
// Reads an arg the error does not have: must not compile.

import type { paths } from "../generated/storage-api";

type Problem = paths["/volumes"]["post"]["responses"][422]["content"]["application/problem+json"];

export function f(problem: Problem): number {
  if (problem.code === "pool.capacity_exceeded") { return problem.args.requested_gbb; }
  return 0;
}
