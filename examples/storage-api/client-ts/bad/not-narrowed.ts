// expect: bad/not-narrowed.ts(9,23): error TS2339: Property 'available_gb' does not exist on type '{ available_gb: number; pool: string; requested_gb: number; } | Record<string, never> | { current_gb: number; name: string; requested_gb: number; }'.
// Reads an arg before checking the code: must not compile.

import type { paths } from "../generated/storage-api";

type Problem = paths["/volumes"]["post"]["responses"][422]["content"]["application/problem+json"];

export function f(problem: Problem): number {
  return problem.args.available_gb;
}
