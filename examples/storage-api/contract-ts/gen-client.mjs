// Writes, from storage-api's original OpenAPI document, a TypeScript client
// that depends on everything the document promises about its errors, so that
// compiling it against the types of a changed document tells whether the
// change breaks such a client:
//
// - one function per error response of each operation, which narrows the
//   problem by `code` for every code the response lists;
// - one reader per code, which takes exactly that code's schema type and
//   assigns every arg to a variable of its original type (`number`, `string`,
//   `string[]`, `number | null | undefined` for an optional one), and which
//   narrows `errors` by every child code the error declares;
// - type-level assertions that each code is still a schema, keeps its status
//   literal, and, if it had args, keeps an `args` with every original key.
//
// Usage: node gen-client.mjs OPENAPI.json OUT.ts
// OUT.ts imports `components` and `paths` from "./storage-api", the output
// of openapi-typescript next to it.

import { readFileSync, writeFileSync } from "node:fs";

const SCHEMAS = "#/components/schemas/";
const PROBLEM_JSON = "application/problem+json";
// Words an arg cannot be named as a variable: reserved ones, and `p`, the reader's parameter.
const RESERVED = new Set(["p", "default", "delete", "new", "in", "function", "class", "const", "let", "var"]);

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node gen-client.mjs OPENAPI.json OUT.ts");
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, "utf8"));
const schemas = doc.components.schemas;

const camel = (text) => text.replace(/[._/{}-]+(.)?/g, (_, c) => (c ? c.toUpperCase() : ""));
const schemaOf = (entry) => entry.$ref.slice(SCHEMAS.length);
const codeOf = (name) => schemas[name].properties.code.enum[0];
const isIdentifier = (name) => /^[A-Za-z_$][\w$]*$/.test(name);
const access = (name) => (isIdentifier(name) ? `.${name}` : `[${JSON.stringify(name)}]`);

/** The reader of one schema: `volumeInUse` for Problem.volume.in_use, `childRequestUnknownVariant` for a SubError. */
const readerName = (name) =>
  name.startsWith("Problem.") ? camel(name.slice("Problem.".length)) : camel(`child.${name.slice("SubError.".length)}`);

/** The TypeScript type openapi-typescript gives an arg's schema, as the original has it. */
function tsType(schema, where) {
  const types = [schema.type].flat();
  const nonNull = types.filter((t) => t !== "null");
  if (nonNull.length !== 1) throw new Error(`${where}: an arg of type ${JSON.stringify(schema.type)}`);
  const scalar = { integer: "number", number: "number", string: "string", boolean: "boolean" }[nonNull[0]];
  let base;
  if (scalar) base = scalar;
  else if (nonNull[0] === "array") base = `${tsType(schema.items, where)}[]`;
  else throw new Error(`${where}: an arg of type ${nonNull[0]} has no exact type to read it as`);
  return types.includes("null") ? `${base} | null` : base;
}

/** The declared child schemas of an error, or none when its items are plain SubError. */
const children = (name) => schemas[name].properties.errors?.items?.oneOf?.map(schemaOf) ?? [];

/** A reader: takes exactly the schema's type and reads every arg and every declared child. */
function reader(name) {
  const schema = schemas[name];
  const args = schema.properties.args;
  const argsOptional = !(schema.required ?? []).includes("args");
  const lines = [];
  const read = [];
  for (const [i, [arg, argSchema]] of Object.entries(args?.properties ?? {}).entries()) {
    const required = (args.required ?? []).includes(arg) && !argsOptional;
    const type = tsType(argSchema, `${name}.${arg}`) + (required ? "" : " | undefined");
    const variable = isIdentifier(arg) && !RESERVED.has(arg) ? arg : `arg${i}`;
    lines.push(`  const ${variable}: ${type} = p.args${argsOptional ? "?" : ""}${access(arg)};`);
    read.push(variable);
  }
  const kids = children(name);
  if (kids.length > 0) {
    lines.push("  const errors = (p.errors ?? []).map((child) => {");
    lines.push("    switch (child.code) {");
    for (const kid of kids) {
      lines.push(`      case ${JSON.stringify(codeOf(kid))}:`);
      lines.push(`        return ${readerName(kid)}(child);`);
    }
    lines.push("    }");
    lines.push("    return [];");
    lines.push("  });");
    read.push("errors");
  }
  return [
    `/** Reads ${codeOf(name)}: ${read.length ? read.join(", ") : "no args"}. */`,
    `function ${readerName(name)}(p: Schemas[${JSON.stringify(name)}]): unknown[] {`,
    ...lines,
    `  return [${read.join(", ")}];`,
    "}",
  ].join("\n");
}

/** Every problem+json response: `{ path, method, operation, status, codes }`. */
const responses = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, operation]) =>
    Object.entries(operation.responses ?? {})
      .filter(([, response]) => response.content?.[PROBLEM_JSON])
      .map(([status, response]) => ({
        path,
        method,
        operation,
        status,
        names: response.content[PROBLEM_JSON].schema.oneOf.map(schemaOf),
      })),
  ),
);

function dispatcher({ path, method, operation, status, names }) {
  const type = `paths[${JSON.stringify(path)}][${JSON.stringify(method)}]["responses"][${status}]["content"][${JSON.stringify(PROBLEM_JSON)}]`;
  return [
    `/** ${method.toUpperCase()} ${path} answers ${status} with ${names.map(codeOf).join(", ")}. */`,
    `export function ${camel(operation.operationId)}${status}(`,
    `  p: ${type},`,
    "): unknown[] {",
    "  switch (p.code) {",
    ...names.flatMap((name) => [`    case ${JSON.stringify(codeOf(name))}:`, `      return ${readerName(name)}(p);`]),
    "  }",
    "  return [];",
    "}",
  ].join("\n");
}

// Every schema some response lists, and every child those declare, in the document's order.
const used = new Set(responses.flatMap((r) => r.names));
for (const name of [...used]) for (const kid of children(name)) used.add(kid);
const read = Object.keys(schemas).filter((name) => used.has(name));

const schemaLines = read.map((name) => `  Assert<IsSchema<${JSON.stringify(name)}>>,`);
const statusLines = read
  .filter((name) => schemas[name].properties.status)
  .map((name) => `  Assert<Equal<StatusOf<${JSON.stringify(name)}>, ${schemas[name].properties.status.enum[0]}>>,`);
const argsLines = read
  .filter((name) => schemas[name].properties.args)
  .map((name) => {
    const keys = Object.keys(schemas[name].properties.args.properties ?? {});
    const union = keys.length ? keys.map((k) => JSON.stringify(k)).join(" | ") : "never";
    return `  Assert<HasArgs<${JSON.stringify(name)}, ${union}>>,`;
  });

const text = `// Generated by gen-client.mjs from storage-api's original OpenAPI document:
// a client that reads every code and every arg of every error response with
// its original type. check.sh compiles it with tsc --strict against the types
// openapi-typescript generates from a changed document.

import type { components, paths } from "./storage-api";

type Schemas = components["schemas"];

/** true when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Fails to compile unless T is true. */
type Assert<T extends true> = T;
/** true when the document still has a schema of that name (one per code). */
type IsSchema<Name extends string> = Name extends keyof Schemas ? true : false;
/** The literal type of a schema's \`status\`. */
type StatusOf<Name extends keyof Schemas> = Schemas[Name] extends { status: infer S } ? S : never;
/** The type of a schema's \`args\` (a redacted error has none). */
type ArgsOf<S> = S extends { args?: infer A } ? NonNullable<A> : never;
/** true when the schema still has \`args\`, with every one of Keys. */
type HasArgs<Name extends keyof Schemas, Keys extends string> = "args" extends keyof Schemas[Name]
  ? [Keys] extends [keyof ArgsOf<Schemas[Name]>]
    ? true
    : false
  : false;

/** Each code is still there, under its name. */
export type CodesKept = [
${schemaLines.join("\n")}
];

/** Each code answers with the status it had. */
export type StatusesKept = [
${statusLines.join("\n")}
];

/** Each code that had args still has them, with every original key: a redacted code has none. */
export type ArgsKept = [
${argsLines.join("\n")}
];

${responses.map(dispatcher).join("\n\n")}

${read.map(reader).join("\n\n")}
`;

writeFileSync(output, text);
