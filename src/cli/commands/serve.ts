// `nianbao serve`: the store in a browser (search, a body's reports, a report's tables with
// provenance, rank and compare, CSV/XLSX downloads). Read-only; the web app lives in src/serve/.
import type { Command } from "commander";
import { defaultDbPath } from "../../paths.js";
import { EXIT, UserError } from "../exit-codes.js";
import { err, out, setExitCode } from "../io.js";

interface ServeCommandOptions {
  db?: string;
  port: string;
  host: string;
}

export const DEFAULT_SERVE_PORT = 8_130;

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("browse the database in a web browser (read-only, local)")
    .option("--db <file>", "the database to read (default: data/nianbao.db)")
    .option("--port <n>", "TCP port (0: any free port)", String(DEFAULT_SERVE_PORT))
    .option(
      "--host <address>",
      "address to listen on (other machines reach it only if you widen this)",
      "127.0.0.1",
    )
    .action(async (options: ServeCommandOptions) => {
      setExitCode(await runServe(options));
    });
}

async function runServe(options: ServeCommandOptions): Promise<number> {
  const port = Number(options.port);
  if (!/^\d{1,5}$/.test(options.port) || port > 65_535)
    throw new UserError(`--port: "${options.port}" is not a port number (0–65535)`, EXIT.USAGE);
  const db = options.db ?? defaultDbPath;
  const started = performance.now();
  const { startServer } = await import("../../serve/server.js");
  let server;
  try {
    server = await startServer({ db, port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new UserError(`serve: port ${port} is in use (try --port 0)`, EXIT.USAGE);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new UserError(`serve: cannot listen on ${options.host}`, EXIT.USAGE);
    if (code === "SQLITE_CANTOPEN")
      throw new UserError(
        `serve: cannot open ${db} (does it exist? \`npm start\` builds a demo database)`,
        EXIT.STORE,
      );
    if (
      code?.startsWith("SQLITE_") ||
      (error instanceof Error && /not a nianbao database/.test(error.message))
    )
      throw new UserError(`serve: ${db}: ${(error as Error).message}`, EXIT.STORE);
    throw error;
  }
  // Anything but loopback lets others on the network read the whole database: say so.
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(options.host))
    err(
      `nianbao serve: listening on ${options.host}: anyone who can reach this machine can read and download the database (no authentication)`,
    );
  out(
    `nianbao serve: open ${server.url} (database ${db}, read-only; started in ${Math.round(performance.now() - started)} ms; Ctrl-C stops)`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return EXIT.OK;
}
