#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm ci` through the prepare script).
import("../dist/src/cli/main.js").then(
  async ({ main }) => {
    process.exitCode = await main(process.argv);
  },
  (error) => {
    console.error(`nianbao: cannot start (${error?.message ?? error}); run \`npm run build\` first.`);
    process.exit(70);
  },
);
