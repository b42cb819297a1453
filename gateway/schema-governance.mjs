#!/usr/bin/env node
// Schema governance for the composed supergraph (the graph front-end teams see).
//
//   node gateway/schema-governance.mjs breaking        exit 1 on breaking changes against the
//                                                      released snapshot (schema/released/)
//   node gateway/schema-governance.mjs lint            exit 1 on naming or description problems,
//                                                      listed per owning subgraph
//   node gateway/schema-governance.mjs docs [--check]  write docs/schema/*.md (exit 1 if stale)
//   node gateway/schema-governance.mjs release         make the current supergraph the released
//                                                      snapshot and regenerate the docs
//
// `--supergraph PATH` and `--released PATH` compare or lint other files than the committed ones.
//
// Every command reads gateway/supergraph.graphql and looks at its public schema: what clients
// can query, without the federation machinery (join__*, link__*, _Service, _Any, _entities).
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { transformSupergraphToPublicSchema } from "@theguild/federation-composition";
import {
  astFromValue,
  buildASTSchema,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  parse,
  print,
} from "graphql";

const gatewayDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(gatewayDir);
/** `--flag path` from the command line, for tests and one-off comparisons. */
function option(flag, fallback) {
  const at = process.argv.indexOf(flag);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const SUPERGRAPH = option("--supergraph", join(gatewayDir, "supergraph.graphql"));
const RELEASED = option("--released", join(repoRoot, "schema", "released", "supergraph.graphql"));
const DOCS_DIR = join(repoRoot, "docs", "schema");

const EXIT_PROBLEMS = 1;
const EXIT_FAILED = 2;

function fail(message) {
  process.stderr.write(`schema-governance: ${message}\n`);
  process.exit(EXIT_FAILED);
}

function read(path) {
  if (!existsSync(path)) fail(`${relative(repoRoot, path)} does not exist`);
  return readFileSync(path, "utf8");
}

/** The public schema of a supergraph SDL, and who owns each type and field. */
export function load(sdl) {
  const supergraph = parse(sdl);
  const schema = buildASTSchema(transformSupergraphToPublicSchema(supergraph), {
    assumeValidSDL: true,
  });
  return { schema, owners: owners(supergraph) };
}

const graphName = (value) => value.toLowerCase();

/** "Type" and "Type.field" → the subgraphs (lower case) that define them. */
function owners(document) {
  const found = new Map();
  const argument = (directive, name) =>
    directive.arguments?.find((arg) => arg.name.value === name)?.value?.value;
  for (const definition of document.definitions) {
    if (!definition.name || definition.name.value.includes("__")) continue;
    const typeName = definition.name.value;
    const typeGraphs = (definition.directives ?? [])
      .filter((d) => d.name.value === "join__type" || d.name.value === "join__enumValue")
      .map((d) => argument(d, "graph"))
      .filter(Boolean)
      .map(graphName);
    found.set(typeName, [...new Set(typeGraphs)]);
    for (const field of definition.fields ?? definition.values ?? []) {
      const fieldGraphs = (field.directives ?? [])
        .filter((d) => d.name.value === "join__field" || d.name.value === "join__enumValue")
        .map((d) => argument(d, "graph"))
        .filter(Boolean)
        .map(graphName);
      found.set(`${typeName}.${field.name.value}`, fieldGraphs.length ? [...new Set(fieldGraphs)] : typeGraphs);
    }
  }
  return found;
}

function isFederationName(name) {
  return name.startsWith("_") || name.startsWith("join__") || name.startsWith("link__");
}

/** The named types clients see, in name order. */
function publicTypes(schema) {
  return Object.values(schema.getTypeMap())
    .filter((type) => !isFederationName(type.name) && !isSpecifiedScalarType(type))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function rootNames(schema) {
  return new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter(Boolean)
      .map((type) => type.name),
  );
}

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER = /^[A-Z][A-Z0-9_]*$/;

/** Naming and description problems, as {owner, subject, problem}. */
export function lint({ schema, owners: ownedBy }) {
  const problems = [];
  const roots = rootNames(schema);
  const report = (subject, problem) =>
    problems.push({ owner: (ownedBy.get(subject) ?? []).join(", ") || "unknown", subject, problem });

  for (const type of publicTypes(schema)) {
    if (!PASCAL.test(type.name)) report(type.name, "type name is not PascalCase");
    if (!roots.has(type.name) && !type.description?.trim()) report(type.name, "type has no description");
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!UPPER.test(value.name)) report(`${type.name}.${value.name}`, "enum value is not UPPER_CASE");
      }
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isFederationName(field.name)) continue;
        const subject = `${type.name}.${field.name}`;
        if (!CAMEL.test(field.name)) report(subject, "field name is not camelCase");
        if (!field.description?.trim()) report(subject, "field has no description");
        for (const arg of field.args ?? []) {
          if (!CAMEL.test(arg.name)) report(`${subject}(${arg.name})`, "argument name is not camelCase");
        }
      }
    }
  }
  return problems;
}

function commandLint() {
  const problems = lint(load(read(SUPERGRAPH)));
  if (problems.length === 0) {
    process.stdout.write("schema-governance: lint clean\n");
    return;
  }
  const byOwner = new Map();
  for (const problem of problems) {
    byOwner.set(problem.owner, [...(byOwner.get(problem.owner) ?? []), problem]);
  }
  for (const [owner, list] of [...byOwner].sort()) {
    process.stderr.write(`\n${owner} (services/${owner.split(",")[0]}/…) — ${list.length} problem(s):\n`);
    for (const { subject, problem } of list) process.stderr.write(`  ${subject}: ${problem}\n`);
  }
  process.stderr.write(
    "\nFix them in the owning service (a description= on the Strawberry type or field, or a rename),\n" +
      "then run `python scripts/export_schemas.py`.\n",
  );
  process.exit(EXIT_PROBLEMS);
}

/** Breaking and dangerous changes from the released snapshot to the current supergraph. */
export function changes(releasedSdl, currentSdl) {
  const released = load(releasedSdl).schema;
  const current = load(currentSdl).schema;
  return {
    breaking: findBreakingChanges(released, current),
    dangerous: findDangerousChanges(released, current),
  };
}

function commandBreaking() {
  const { breaking, dangerous } = changes(read(RELEASED), read(SUPERGRAPH));
  for (const change of dangerous) process.stdout.write(`dangerous ${change.type}: ${change.description}\n`);
  if (breaking.length === 0) {
    process.stdout.write("schema-governance: no breaking change against schema/released/supergraph.graphql\n");
    return;
  }
  for (const change of breaking) process.stderr.write(`BREAKING ${change.type}: ${change.description}\n`);
  process.stderr.write(
    `\n${breaking.length} breaking change(s) against the released schema. Clients built on it will ` +
      "fail.\nAdd instead of changing (a new field, a new optional argument), deprecate with " +
      "@deprecated(reason: ...),\nor, when every client has moved, release the new schema with " +
      "`make schema-release` in the same change.\n",
  );
  process.exit(EXIT_PROBLEMS);
}

// ---------------------------------------------------------------------------------------------
// The schema reference in docs/schema/: one page per kind of type, generated, never hand-edited.

const PAGES = [
  { file: "queries.md", title: "Queries", pick: (t, s) => t === s.getQueryType() },
  { file: "mutations.md", title: "Mutations", pick: (t, s) => t === s.getMutationType() },
  {
    file: "objects.md",
    title: "Object types",
    pick: (t, s) => (isObjectType(t) || isInterfaceType(t) || isUnionType(t)) && !rootNames(s).has(t.name),
  },
  { file: "inputs.md", title: "Input types", pick: (t) => isInputObjectType(t) },
  { file: "enums.md", title: "Enums and scalars", pick: (t) => isEnumType(t) || isScalarType(t) },
];

const GENERATED =
  "<!-- Generated by `node gateway/schema-governance.mjs docs` from gateway/supergraph.graphql. " +
  "Do not edit: run `python scripts/export_schemas.py`. -->\n\n";

function pageOf(type, schema) {
  return PAGES.find((page) => page.pick(type, schema))?.file;
}

function anchor(name) {
  return name.toLowerCase();
}

function linkType(type, schema, fromPage) {
  let inner = type;
  while (inner.ofType) inner = inner.ofType;
  const text = String(type);
  if (isSpecifiedScalarType(inner)) return `\`${text}\``;
  const page = pageOf(inner, schema);
  const target = page === fromPage ? `#${anchor(inner.name)}` : `${page}#${anchor(inner.name)}`;
  return `[\`${text}\`](${target})`;
}

function defaultOf(arg) {
  if (arg.defaultValue === undefined || arg.defaultValue === null) return "";
  const ast = astFromValue(arg.defaultValue, arg.type);
  return ast ? ` = ${print(ast)}` : "";
}

function oneLine(text) {
  return (text ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim();
}

function ownerNote(owners, key) {
  const list = owners.get(key) ?? [];
  return list.length ? ` *(${list.join(", ")})*` : "";
}

function fieldRows(type, schema, page, owners) {
  const lines = ["| field | type | description |", "|---|---|---|"];
  for (const field of Object.values(type.getFields())) {
    if (isFederationName(field.name)) continue;
    const args = (field.args ?? [])
      .map((arg) => `${arg.name}: ${linkType(arg.type, schema, page)}${defaultOf(arg)}`)
      .join(", ");
    const name = args ? `\`${field.name}\`(${args})` : `\`${field.name}\``;
    const deprecated = field.deprecationReason ? ` **Deprecated:** ${oneLine(field.deprecationReason)}` : "";
    const typeText = linkType(field.type, schema, page);
    const owner = isInputObjectType(type) ? "" : ownerNote(owners, `${type.name}.${field.name}`);
    lines.push(`| ${name} | ${typeText} | ${oneLine(field.description)}${deprecated}${owner} |`);
  }
  return lines;
}

export function docs({ schema, owners }) {
  const types = publicTypes(schema);
  const files = new Map();
  const index = [
    GENERATED.trimEnd(),
    "",
    "# Schema reference",
    "",
    "The one graph served by the gateway (`POST /graphql`), generated from the composed supergraph.",
    "How to use it: [docs/graph.md](../graph.md). Owning subgraph of each field in *(italics)*.",
    "",
  ];
  for (const page of PAGES) {
    const members = types.filter((type) => page.pick(type, schema));
    const isRootPage = page.file === "queries.md" || page.file === "mutations.md";
    const count = isRootPage
      ? members.reduce((n, type) => n + Object.keys(type.getFields()).filter((f) => !isFederationName(f)).length, 0)
      : members.length;
    index.push(`- [${page.title}](${page.file}) (${count})`);
    const lines = [GENERATED.trimEnd(), "", `# ${page.title}`, ""];
    const isRoot = page.file === "queries.md" || page.file === "mutations.md";
    for (const type of members) {
      if (!isRoot) {
        lines.push(`## ${type.name}`, "");
        if (type.description) lines.push(oneLine(type.description), "");
        const interfaces = isObjectType(type) ? type.getInterfaces() : [];
        if (interfaces.length) {
          lines.push(`Implements ${interfaces.map((i) => linkType(i, schema, page.file)).join(", ")}.`, "");
        }
      }
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        lines.push(...fieldRows(type, schema, page.file, owners), "");
      } else if (isUnionType(type)) {
        lines.push(`One of: ${type.getTypes().map((t) => linkType(t, schema, page.file)).join(", ")}.`, "");
      } else if (isEnumType(type)) {
        lines.push("| value | description |", "|---|---|");
        for (const value of type.getValues()) {
          lines.push(`| \`${value.name}\` | ${oneLine(value.description)} |`);
        }
        lines.push("");
      }
    }
    files.set(page.file, `${lines.join("\n").trimEnd()}\n`);
  }
  index.push("");
  files.set("README.md", `${index.join("\n").trimEnd()}\n`);
  return files;
}

function commandDocs(check) {
  const files = docs(load(read(SUPERGRAPH)));
  const stale = [];
  for (const [name, text] of files) {
    const path = join(DOCS_DIR, name);
    const current = existsSync(path) ? readFileSync(path, "utf8") : null;
    if (current === text) continue;
    stale.push(relative(repoRoot, path));
    if (!check) {
      mkdirSync(DOCS_DIR, { recursive: true });
      writeFileSync(path, text);
    }
  }
  const extra = existsSync(DOCS_DIR)
    ? readdirSync(DOCS_DIR).filter((name) => name.endsWith(".md") && !files.has(name))
    : [];
  if (check) {
    if (stale.length || extra.length) {
      process.stderr.write(
        `schema-governance: the schema reference is stale (${[...stale, ...extra].join(", ")}); ` +
          "run `python scripts/export_schemas.py`\n",
      );
      process.exit(EXIT_PROBLEMS);
    }
    process.stdout.write("schema-governance: docs/schema is up to date\n");
    return;
  }
  process.stdout.write(
    stale.length ? `schema-governance: wrote ${stale.join(", ")}\n` : "schema-governance: docs/schema unchanged\n",
  );
}

function commandRelease() {
  mkdirSync(dirname(RELEASED), { recursive: true });
  copyFileSync(SUPERGRAPH, RELEASED);
  process.stdout.write(`schema-governance: released ${relative(repoRoot, SUPERGRAPH)} as ${relative(repoRoot, RELEASED)}\n`);
  commandDocs(false);
}

const COMMANDS = {
  breaking: commandBreaking,
  lint: commandLint,
  docs: () => commandDocs(process.argv.includes("--check")),
  release: commandRelease,
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const command = COMMANDS[process.argv[2]];
  if (!command) fail(`usage: schema-governance.mjs ${Object.keys(COMMANDS).join("|")}`);
  command();
}
