// expect: bad/wrong-type.ts(9,58): error TS2322: Type 'number' is not assignable to type 'string'.
// Reads a number arg as a string: must not compile.

import type { paths } from "../generated/storage-api";

type Problem = paths["/volumes"]["post"]["responses"][422]["content"]["application/problem+json"];

export function f(problem: Problem): string {
  if (problem.code === "pool.capacity_exceeded") { const gb: string = problem.args.requested_gb; return gb; }
  return problem.detail;
}
