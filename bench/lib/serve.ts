// The app's own entry point, loaded as is: `node --import tsx bench/lib/serve.ts` runs exactly
// `app/server.ts`. Started through this file so that the benchmark's server has a command line
// of its own, which other tools stopping "app/server.ts" processes on a shared machine leave alone.
import "../../app/server";
