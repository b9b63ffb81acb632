// Import rules checked by `npm test` (tests/run.ts) before any test runs: see
// docs/decisions/022-import-cycles-and-unused-code.md. Type-only imports are left out (they
// vanish at compile time, so they cannot make a module load before its dependency).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle among the app's modules (ideas → workflow → deliberation → ideas was one): move the shared piece down a layer.",
      from: { path: "^app/" },
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
  },
};
