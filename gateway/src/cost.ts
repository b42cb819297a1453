// What an operation may cost (DESIGN.md §8, "bound every per-request cost"), counted before any
// subgraph is called. The model is graphql-armor's (an object 2, a scalar 1, each level of
// nesting weighs 1.5 times more) with what armor leaves out: a paginated field multiplies the
// cost of what it selects by the page size asked for, whether `first` is written in the
// document, passed as a variable, or left out (then the subgraphs' default page applies).
// Variables are why this runs at execution and not as a validation rule: Yoga caches a
// document's validation, and `first: $n` costs what `$n` says on each request.
import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export interface CostModel {
  objectCost: number;
  scalarCost: number;
  depthCostFactor: number;
  /** The page a paginated field returns when `first`/`last` is not given (kit's DEFAULT_PAGE). */
  defaultPageSize: number;
}

export const COST_MODEL: CostModel = {
  objectCost: 2,
  scalarCost: 1,
  depthCostFactor: 1.5,
  defaultPageSize: 20,
};

const PAGE_ARGUMENTS = ["first", "last"];

type Variables = Readonly<Record<string, unknown>> | null | undefined;

function pageSize(
  node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] },
  field: GraphQLField<unknown, unknown> | undefined,
  operation: OperationDefinitionNode,
  variables: Variables,
  model: CostModel,
): number {
  const paginated = field?.args.some((arg) => PAGE_ARGUMENTS.includes(arg.name)) ?? false;
  let asked: unknown;
  for (const argument of node.arguments ?? []) {
    if (!PAGE_ARGUMENTS.includes(argument.name.value)) {
      continue;
    }
    asked = valueOf(argument.value, operation, variables);
    break;
  }
  if (typeof asked === "number" && Number.isFinite(asked)) {
    return Math.max(1, Math.floor(asked));
  }
  // Not given (or null): the subgraph answers with its default page.
  return paginated ? model.defaultPageSize : 1;
}

function valueOf(value: ValueNode, operation: OperationDefinitionNode, variables: Variables): unknown {
  if (value.kind === Kind.INT) {
    return Number(value.value);
  }
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    if (variables && Object.hasOwn(variables, name)) {
      const given = variables[name];
      return typeof given === "string" && /^\d+$/.test(given) ? Number(given) : given;
    }
    const declared = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
    return declared?.defaultValue ? valueOf(declared.defaultValue, operation, variables) : undefined;
  }
  return undefined;
}

class Counter {
  readonly #fragments: Map<string, FragmentDefinitionNode>;
  readonly #spreading = new Set<string>();

  constructor(
    readonly schema: GraphQLSchema,
    document: DocumentNode,
    readonly operation: OperationDefinitionNode,
    readonly variables: Variables,
    readonly model: CostModel,
  ) {
    this.#fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
  }

  /** The cost of a selection set on `parent`; fragments count as if written in place. */
  selections(set: SelectionSetNode, parent: GraphQLCompositeType | undefined): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += this.field(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? (this.schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : parent;
        total += this.selections(selection.selectionSet, on);
      } else {
        const name = selection.name.value;
        const fragment = this.#fragments.get(name);
        // A fragment that spreads itself is refused by validation; never loop on one here.
        if (fragment === undefined || this.#spreading.has(name)) {
          continue;
        }
        this.#spreading.add(name);
        const on = this.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
        total += this.selections(fragment.selectionSet, on);
        this.#spreading.delete(name);
      }
    }
    return total;
  }

  field(
    node: Parameters<typeof pageSize>[0] & { name: { value: string }; selectionSet?: SelectionSetNode },
    parent: GraphQLCompositeType | undefined,
  ): number {
    const name = node.name.value;
    if (name === "__schema" || name === "__type") {
      return 0; // introspection is off in production; in development it costs nothing here
    }
    const field =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    const page = pageSize(node, field, this.operation, this.variables, this.model);
    if (!node.selectionSet) {
      return this.model.scalarCost * page;
    }
    const type = field ? (getNamedType(field.type) as GraphQLCompositeType) : undefined;
    const children = this.selections(node.selectionSet, type);
    return (this.model.objectCost + this.model.depthCostFactor * children) * page;
  }
}

/** The operation's cost under `model`; `operationName` picks one of several, as execution does. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
  model: CostModel = COST_MODEL,
): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations[0];
  if (operation === undefined) {
    return 0;
  }
  const root = schema.getRootType(operation.operation) ?? undefined;
  const counter = new Counter(schema, document, operation, variables, model);
  return counter.selections(operation.selectionSet, root);
}
