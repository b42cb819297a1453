#!/usr/bin/env node
// Registers a front-end team's operations in the gateway's allow-list (persisted-operations.json).
//
//   node gateway/persist.mjs src/**/*.graphql       add every operation in these files
//   node gateway/persist.mjs docs/graph.md            add the named operations of its ```graphql blocks
//   node gateway/persist.mjs persisted-documents.json
//                                                   add GraphQL Code Generator's client-preset
//                                                   manifest ({"<sha256>": "<document>"})
//   node gateway/persist.mjs --check                write nothing; exit 1 if a registered
//                                                   operation no longer validates against
//                                                   gateway/supergraph.graphql
//   node gateway/persist.mjs --remove <hash>...     drop operations
//
// Each operation is stored with the fragments it uses, printed by graphql-js; its key is the
// sha256 (hex) of exactly that text, so a client sends
//   {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}}  or  {"documentId": "<hex>"}
// Every addition is validated against the supergraph first. Exit codes: 0 ok, 1 --check found
// stale operations, 2 bad input.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { Kind, buildSchema, parse, print, validate, visit } from "graphql";

const gatewayDir = dirname(fileURLToPath(import.meta.url));
const manifestPath = process.env.PERSISTED_OPERATIONS_PATH
  ? resolve(gatewayDir, process.env.PERSISTED_OPERATIONS_PATH)
  : join(gatewayDir, "persisted-operations.json");
const supergraphPath = join(gatewayDir, "supergraph.graphql");

function fail(message, code = 2) {
  process.stderr.write(`persist: ${message}\n`);
  process.exit(code);
}

export function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestPath, "utf8")).operations ?? {};
  } catch (error) {
    if (error?.code === "ENOENT") return {};
    throw error;
  }
}

function writeManifest(operations) {
  const sorted = Object.fromEntries(Object.entries(operations).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(manifestPath, `${JSON.stringify({ operations: sorted }, null, 2)}\n`);
}

function loadSchema() {
  return buildSchema(readFileSync(supergraphPath, "utf8"), { assumeValidSDL: true });
}

/** The names of the fragments `node` spreads, transitively. */
function usedFragments(node, fragments, seen = new Set()) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (!seen.has(name) && fragments.has(name)) {
        seen.add(name);
        usedFragments(fragments.get(name), fragments, seen);
      }
    },
  });
  return seen;
}

/** One standalone document per operation in `source`: the operation and its fragments. */
export function operationsOf(source, label) {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    fail(`${label} does not parse: ${error.message}`);
  }
  const fragments = new Map();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const documents = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (!definition.name) fail(`${label}: every operation needs a name`);
    const names = [...usedFragments(definition, fragments)].sort();
    const text = print({
      kind: Kind.DOCUMENT,
      definitions: [definition, ...names.map((name) => fragments.get(name))],
    });
    documents.push({ name: definition.name.value, text });
  }
  return documents;
}

/** The ```graphql blocks of a markdown file that hold a named operation. */
function markdownBlocks(source) {
  return [...source.matchAll(/```graphql\n([\s\S]*?)```/g)]
    .map((match) => match[1])
    .filter((block) => /^\s*(query|mutation|subscription)\s+\w+/m.test(block));
}

function errorsAgainst(schema, text) {
  return validate(schema, parse(text)).map((error) => error.message);
}

function main(argv) {
  const check = argv.includes("--check");
  const removing = argv.includes("--remove");
  const inputs = argv.filter((arg) => !arg.startsWith("--"));
  const operations = readManifest();

  if (check) {
    const schema = loadSchema();
    let stale = 0;
    for (const [hash, text] of Object.entries(operations)) {
      const problems = sha256(text) === hash ? errorsAgainst(schema, text) : ["its hash is not the sha256 of its text"];
      if (problems.length > 0) {
        stale += 1;
        process.stderr.write(`persist: ${hash.slice(0, 12)}… no longer valid:\n  ${problems.join("\n  ")}\n`);
      }
    }
    if (stale > 0) fail(`${stale} registered operation(s) do not validate against the supergraph`, 1);
    process.stdout.write(`persist: ${Object.keys(operations).length} registered operation(s) validate\n`);
    return;
  }
  if (removing) {
    for (const hash of inputs) {
      if (!(hash in operations)) fail(`${hash} is not registered`);
      delete operations[hash];
    }
    writeManifest(operations);
    return;
  }
  if (inputs.length === 0) fail("give .graphql files or a client-preset persisted-documents.json");

  const schema = loadSchema();
  for (const path of inputs) {
    const source = readFileSync(path, "utf8");
    const found = path.endsWith(".json")
      ? Object.entries(JSON.parse(source)).map(([hash, text]) => {
          if (sha256(text) !== hash) fail(`${path}: ${hash} is not the sha256 of its document`);
          return { name: hash.slice(0, 12), text };
        })
      : path.endsWith(".md")
        ? markdownBlocks(source).flatMap((block, i) => operationsOf(block, `${path} block ${i + 1}`))
        : operationsOf(source, path);
    for (const { name, text } of found) {
      const problems = errorsAgainst(schema, text);
      if (problems.length > 0) fail(`${path}: ${name} does not validate:\n  ${problems.join("\n  ")}`);
      const hash = sha256(text);
      operations[hash] = text;
      process.stdout.write(`${hash}  ${name}\n`);
    }
  }
  writeManifest(operations);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
