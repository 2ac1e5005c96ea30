// A client of storage-api that handles its errors with the types generated
// from /openapi.json by openapi-typescript: `code` narrows the problem to
// one error, whose `args` have the types of the server's fields. It must
// compile under `tsc --strict`.

import type { components, paths } from "../generated/storage-api";

/** What POST /volumes answers with a 422. */
export type CreateVolumeProblem =
  paths["/volumes"]["post"]["responses"][422]["content"]["application/problem+json"];

/** What GET /volumes/{name} answers with a 404. */
export type GetVolumeProblem =
  paths["/volumes/{name}"]["get"]["responses"][404]["content"]["application/problem+json"];

/** The schema of one code, by name. */
export type CapacityExceeded = components["schemas"]["Problem.pool.capacity_exceeded"];

export function explain(problem: CreateVolumeProblem): string {
  switch (problem.code) {
    case "pool.capacity_exceeded": {
      const requested: number = problem.args.requested_gb;
      const available: number = problem.args.available_gb;
      return `pool ${problem.args.pool} is ${requested - available} GB short`;
    }
    case "volume.shrink_not_allowed":
      return `${problem.args.name} stays at least ${problem.args.current_gb} GB`;
    case "volume.invalid":
      return (problem.errors ?? [])
        .map((child) => {
          if (child.code === "validation.too_long") {
            const max: number = child.args.max;
            return `${child.pointer ?? "?"}: at most ${max} characters`;
          }
          if (child.code === "validation.out_of_range") {
            return `${child.pointer ?? "?"}: between ${child.args.min} and ${child.args.max}`;
          }
          return child.detail;
        })
        .join("; ");
    case "request.invalid_body":
      return problem.detail;
  }
}

export function missingVolume(problem: GetVolumeProblem): string | undefined {
  if (problem.code === "volume.not_found") {
    const name: string = problem.args.name;
    return name;
  }
  return undefined;
}

export function shortfall(problem: CapacityExceeded): number {
  return problem.args.requested_gb - problem.args.available_gb;
}
