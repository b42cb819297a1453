// Typed operations from the composed supergraph (no introspection needed: production turns it off).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../gateway/supergraph.graphql",
  documents: ["src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        useTypeImports: true,
        onlyOperationTypes: true,
        scalars: { DateTime: "string", Date: "string" },
      },
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
    },
  },
};

export default config;
