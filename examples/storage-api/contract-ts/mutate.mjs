// Applies one kind of change to storage-api's error catalog, as its OpenAPI
// document shows it, so that check.sh can ask openapi-typescript and tsc
// whether a client written against the original still compiles.
//
// Usage: node mutate.mjs KIND IN.json OUT.json
//        node mutate.mjs --kinds   (lists the kinds, one a line)
//
// The kinds are the ones `terror diff` classifies, with the same names. Each
// is applied to a concrete error of storage-api, and to every place the
// document shows that error (the component schema, each response's `oneOf`,
// its discriminator mapping, its `examples`, the response description that
// lists the codes), in the shape terror's OpenAPI export would give it:
//
//   code_removed           volume.in_use disappears
//   code_renamed           volume.not_found becomes volume.missing
//   status_changed         volume.not_found answers 410 instead of 404
//   arg_removed            volume.in_use loses `hosts`
//   arg_renamed            volume.in_use's `hosts` becomes `host_count`
//   arg_made_optional      volume.in_use's `hosts` becomes an optional u32
//   arg_integer_to_string  volume.in_use's `hosts` becomes a string
//   arg_integer_wider      volume.in_use's `hosts` goes from u32 to u64
//   arg_integer_narrower   pool.capacity_exceeded's `requested_gb` from u64 to u32
//   arg_list_to_scalar     request.unknown_variant's `allowed` from a list to a string
//   redacted               volume.in_use is redacted (no args, no hint), same status
//   child_type_removed     volume.invalid no longer declares its validation.* children
//   code_added             volume.locked (409, `name: string`) next to volume.in_use
//   arg_added              volume.in_use gets a required `pool: string`
//   optional_arg_added     volume.in_use gets an optional `reason: string`
//   child_type_added       volume.invalid also declares request.unknown_field
//   code_deprecated        volume.not_found is marked deprecated
//   message_text_changed   volume.not_found's description and example texts change
//   grpc_code_changed      not in the document: written unchanged
//   locale_added           not in the document: written unchanged

import { readFileSync, writeFileSync } from "node:fs";

const U32_MAX = 4294967295n;
const U64_MAX = 18446744073709551615n;
const SCHEMAS = "#/components/schemas/";
const PROBLEM_JSON = "application/problem+json";

// JSON.parse rounds u64::MAX to a double; the document must come out with the
// exact bounds it went in with, so integers beyond 2^53 travel as BigInt.
const BIG = "\u{1F522}bigint:";

function parse(text) {
  let marked = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      marked += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      // A malformed number is copied as is, for JSON.parse to report.
      const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))?.[0] ?? c;
      const unsafe = /^-?\d+$/.test(number) && !Number.isSafeInteger(Number(number));
      marked += unsafe ? JSON.stringify(BIG + number) : number;
      i += number.length;
    } else {
      marked += c;
      i += 1;
    }
  }
  return JSON.parse(marked, (_, value) =>
    typeof value === "string" && value.startsWith(BIG) ? BigInt(value.slice(BIG.length)) : value,
  );
}

function stringify(doc) {
  const marked = JSON.stringify(doc, (_, value) =>
    typeof value === "bigint" ? BIG + value : value,
  );
  return marked.replace(new RegExp(`"${BIG}(-?\\d+)"`, "gu"), "$1");
}

// --- Where an error shows in the document ---------------------------------

/** Every problem+json response: `{ operation, status, response, content }`. */
function* problemResponses(doc) {
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = response.content?.[PROBLEM_JSON];
        if (content) yield { operation, status, response, content };
      }
    }
  }
}

const ref = (name) => ({ $ref: SCHEMAS + name });

/** Whether a `oneOf` (of a response or of `errors.items`) lists a schema. */
const lists = (union, name) => union.oneOf.some((entry) => entry.$ref === SCHEMAS + name);

/** Every object in an example, its child errors included, whose `code` is `code`. */
function* exampleValues(doc, code) {
  function* visit(value) {
    if (value.code === code) yield value;
    for (const child of value.errors ?? []) yield* visit(child);
  }
  for (const { content } of problemResponses(doc)) {
    for (const example of Object.values(content.examples ?? {})) yield* visit(example.value);
  }
}

/** The response description lists the codes in backticks: "Conflict: `a`, `b`". */
function describe(response) {
  const reason = response.description.split(":")[0];
  const codes = response.content[PROBLEM_JSON].schema.oneOf.map(
    (entry) => "`" + entry.$ref.slice(SCHEMAS.length).replace(/^Problem\./, "") + "`",
  );
  response.description = `${reason}: ${codes.join(", ")}`;
}

/** Adds a schema to a discriminated `oneOf`, after `after` if given. */
function addToUnion(union, code, name, after) {
  const at = after ? union.oneOf.findIndex((e) => e.$ref === SCHEMAS + after) + 1 : union.oneOf.length;
  union.oneOf.splice(at, 0, ref(name));
  union.discriminator.mapping = sortKeys({ ...union.discriminator.mapping, [code]: SCHEMAS + name });
}

function removeFromUnion(union, code, name) {
  union.oneOf = union.oneOf.filter((entry) => entry.$ref !== SCHEMAS + name);
  delete union.discriminator.mapping[code];
}

const sortKeys = (object) =>
  Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A schema by name; a typo in a target must stop the check, not pass it. */
function schema(doc, name) {
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`the document has no schema ${name}`);
  return found;
}

// --- Changes to whole codes -------------------------------------------------

function removeCode(doc, code) {
  const name = `Problem.${code}`;
  schema(doc, name);
  delete doc.components.schemas[name];
  for (const { operation, status, response, content } of problemResponses(doc)) {
    if (!lists(content.schema, name)) continue;
    removeFromUnion(content.schema, code, name);
    delete content.examples[code];
    if (content.schema.oneOf.length === 0) delete operation.responses[status];
    else describe(response);
  }
}

function renameCode(doc, from, to) {
  const [oldName, newName] = [`Problem.${from}`, `Problem.${to}`];
  const renamed = schema(doc, oldName);
  renamed.title = newName;
  renamed.properties.code.enum = [to];
  delete doc.components.schemas[oldName];
  doc.components.schemas = sortKeys({ ...doc.components.schemas, [newName]: renamed });
  for (const value of exampleValues(doc, from)) {
    value.code = to;
    value.type = `/errors/${to}`;
  }
  for (const { response, content } of problemResponses(doc)) {
    if (!lists(content.schema, oldName)) continue;
    content.schema.oneOf = content.schema.oneOf.map((e) => (e.$ref === SCHEMAS + oldName ? ref(newName) : e));
    removeFromUnion(content.schema, from, oldName);
    content.schema.discriminator.mapping = sortKeys({ ...content.schema.discriminator.mapping, [to]: SCHEMAS + newName });
    const example = content.examples[from];
    delete content.examples[from];
    content.examples = sortKeys({ ...content.examples, [to]: { ...example, summary: to } });
    describe(response);
  }
}

/** Moves a code to another status, in its schema and in every operation that answers it. */
function changeStatus(doc, code, to, reason) {
  const name = `Problem.${code}`;
  const key = String(to);
  schema(doc, name).properties.status.enum = [to];
  for (const value of exampleValues(doc, code)) value.status = to;
  for (const { operation, status, response, content } of [...problemResponses(doc)]) {
    if (!lists(content.schema, name)) continue;
    const example = content.examples[code];
    removeFromUnion(content.schema, code, name);
    delete content.examples[code];
    if (content.schema.oneOf.length === 0) delete operation.responses[status];
    else describe(response);
    operation.responses[key] ??= {
      description: reason,
      content: { [PROBLEM_JSON]: { schema: { oneOf: [], discriminator: { propertyName: "code", mapping: {} } }, examples: {} } },
    };
    operation.responses = sortKeys(operation.responses);
    const target = operation.responses[key].content[PROBLEM_JSON];
    addToUnion(target.schema, code, name);
    target.examples = sortKeys({ ...target.examples, [code]: example });
    describe(operation.responses[key]);
  }
}

/**
 * A new code with the schema (args, status) of `shapeOf`, answered wherever
 * `nextTo` is, listed after it.
 */
function addCode(doc, code, { shapeOf, nextTo, description, args, title, detail, hint }) {
  const [name, nextToName] = [`Problem.${code}`, `Problem.${nextTo}`];
  const added = structuredClone(schema(doc, `Problem.${shapeOf}`));
  added.title = name;
  added.description = description;
  added.properties.code.enum = [code];
  doc.components.schemas = sortKeys({ ...doc.components.schemas, [name]: added });
  for (const { response, content } of problemResponses(doc)) {
    if (!lists(content.schema, nextToName)) continue;
    addToUnion(content.schema, code, name, nextToName);
    const status = added.properties.status.enum[0];
    const value = { args, code, detail, hint, status, title, type: `/errors/${code}` };
    content.examples = sortKeys({ ...content.examples, [code]: { summary: code, description, value } });
    describe(response);
  }
}

/** Redacts a code as terror's export does: no args, no hint, no child errors, a generic detail. */
function redact(doc, code) {
  const redacted = schema(doc, `Problem.${code}`);
  for (const property of ["args", "hint", "errors", "errors_total"]) delete redacted.properties[property];
  redacted.required = redacted.required.filter((property) => property !== "args");
  for (const value of exampleValues(doc, code)) {
    delete value.args;
    delete value.hint;
    value.detail = "The server could not complete this request.";
  }
}

// --- Changes to args ----------------------------------------------------------

/**
 * Edits the args schema of `name`, and gives the args of every example of its
 * code to `editExample`, which returns them changed.
 */
function editArgs(doc, name, editSchema, editExample = (args) => args) {
  const target = schema(doc, name);
  editSchema(target.properties.args);
  const code = target.properties.code.enum[0];
  for (const value of exampleValues(doc, code)) value.args = editExample(value.args);
}

const renameKey = (object, from, to) =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key === from ? to : key, value]));

function removeArg(args, arg) {
  delete args.properties[arg];
  args.required = args.required.filter((name) => name !== arg);
}

// --- Changes to child types ---------------------------------------------------

/** What utoipa gives an error without declared children: untyped SubError items. */
function dropChildTypes(doc, code) {
  schema(doc, `Problem.${code}`).properties.errors.items = ref("SubError");
  for (const value of exampleValues(doc, code)) delete value.errors;
}

function addChildType(doc, code, child, example) {
  const items = schema(doc, `Problem.${code}`).properties.errors.items;
  addToUnion(items, child, `SubError.${child}`);
  for (const value of exampleValues(doc, code)) value.errors.push(example);
}

// --- The kinds ----------------------------------------------------------------

const KINDS = {
  code_removed: (doc) => removeCode(doc, "volume.in_use"),
  code_renamed: (doc) => renameCode(doc, "volume.not_found", "volume.missing"),
  status_changed: (doc) => changeStatus(doc, "volume.not_found", 410, "Gone"),
  arg_removed: (doc) =>
    editArgs(
      doc,
      "Problem.volume.in_use",
      (args) => removeArg(args, "hosts"),
      ({ hosts, ...rest }) => rest,
    ),
  arg_renamed: (doc) =>
    editArgs(
      doc,
      "Problem.volume.in_use",
      (args) => {
        args.properties = sortKeys(renameKey(args.properties, "hosts", "host_count"));
        args.required = args.required.map((name) => (name === "hosts" ? "host_count" : name));
      },
      (args) => sortKeys(renameKey(args, "hosts", "host_count")),
    ),
  arg_made_optional: (doc) =>
    editArgs(
      doc,
      "Problem.volume.in_use",
      (args) => {
        args.properties.hosts.type = ["integer", "null"];
        args.required = args.required.filter((name) => name !== "hosts");
      },
    ),
  arg_integer_to_string: (doc) =>
    editArgs(
      doc,
      "Problem.volume.in_use",
      (args) => (args.properties.hosts = { type: "string" }),
      (args) => ({ ...args, hosts: "<hosts>" }),
    ),
  arg_integer_wider: (doc) =>
    editArgs(doc, "Problem.volume.in_use", (args) => (args.properties.hosts.maximum = U64_MAX)),
  arg_integer_narrower: (doc) =>
    editArgs(
      doc,
      "Problem.pool.capacity_exceeded",
      (args) => (args.properties.requested_gb.maximum = U32_MAX),
    ),
  arg_list_to_scalar: (doc) =>
    editArgs(
      doc,
      "SubError.request.unknown_variant",
      (args) => (args.properties.allowed = { type: "string" }),
      (args) => ({ ...args, allowed: "<allowed>" }),
    ),
  redacted: (doc) => redact(doc, "volume.in_use"),
  child_type_removed: (doc) => dropChildTypes(doc, "volume.invalid"),
  code_added: (doc) =>
    addCode(
      doc,
      "volume.locked",
      {
        // volume.already_exists has the same args and status: `name: string`, 409.
        shapeOf: "volume.already_exists",
        nextTo: "volume.in_use",
        description: "The volume is locked by a running operation.",
        args: { name: "<name>" },
        title: "Volume locked",
        detail: "Volume <name> is locked.",
        hint: "Wait for the operation to finish, then try again.",
      },
    ),
  arg_added: (doc) =>
    editArgs(
      doc,
      "Problem.volume.in_use",
      (args) => {
        args.properties = sortKeys({ ...args.properties, pool: { type: "string" } });
        args.required.push("pool");
      },
      (args) => sortKeys({ ...args, pool: "<pool>" }),
    ),
  optional_arg_added: (doc) =>
    editArgs(
      doc,
      "Problem.volume.in_use",
      (args) => (args.properties = sortKeys({ ...args.properties, reason: { type: ["string", "null"] } })),
    ),
  child_type_added: (doc) =>
    addChildType(doc, "volume.invalid", "request.unknown_field", {
      args: { field: "<field>" },
      code: "request.unknown_field",
      detail: "The field <field> is not known here.",
      pointer: "/field",
    }),
  code_deprecated: (doc) => (schema(doc, "Problem.volume.not_found").deprecated = true),
  message_text_changed: (doc) => {
    const description = "There is no volume of that name.";
    schema(doc, "Problem.volume.not_found").description = description;
    for (const { content } of problemResponses(doc)) {
      const example = content.examples?.["volume.not_found"];
      if (!example) continue;
      example.description = description;
      example.value.title = "No such volume";
      example.value.detail = "There is no volume named <name>.";
    }
  },
  // A gRPC status and a locale's messages are not part of the OpenAPI document.
  grpc_code_changed: () => {},
  locale_added: () => {},
};

const [kind, input, output] = process.argv.slice(2);
if (kind === "--kinds") {
  console.log(Object.keys(KINDS).join("\n"));
  process.exit(0);
}
if (!KINDS[kind] || !input || !output) {
  console.error(`usage: node mutate.mjs KIND IN.json OUT.json | --kinds\nkinds: ${Object.keys(KINDS).join(", ")}`);
  process.exit(2);
}
const doc = parse(readFileSync(input, "utf8"));
KINDS[kind](doc);
writeFileSync(output, stringify(doc));
