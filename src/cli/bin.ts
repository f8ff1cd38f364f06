// The process entry point when running from sources (`node --import tsx src/cli/bin.ts …`);
// bin/nianbao.js does the same with the compiled CLI.
import { main } from "./main.js";

process.exitCode = await main(process.argv);
