// `nianbao parse <files...|->`: reads report documents and prints their figures, as the JSON
// contract (one object per line) or as a readable summary. A document that cannot be read is
// one line on stderr; the batch goes on and the exit code tells what happened.
import type { Command } from "commander";
import type { ParseResult } from "../../model/contract.js";
import { EXIT } from "../exit-codes.js";
import { metricsOf } from "../../model/metrics.js";
import { cli, err, exitQuietlyOnClosedPipe, setExitCode } from "../io.js";

interface ParseCommandOptions {
  json?: boolean;
  provenance?: boolean;
  ir?: boolean;
}

/** Why a document failed, and whether it was our bug rather than the input. */
interface DocumentFailure {
  message: string;
  internal: boolean;
}

const STDIN = "-";

export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("read report documents (HTML, text, Markdown, PDF, DOCX, DOC/WPS) and print their figures")
    .argument("<files...>", `documents to parse; ${STDIN} reads one document from standard input`)
    .option("--json", "print the parse contract as JSON, one object per line (JSON Lines)")
    .option(
      "--provenance",
      "with --json: add `sources`, the raw text, location and witnesses (identities, prose) of every figure",
    )
    .option("--ir", "print the intermediate representation (text blocks and table grids) instead of figures")
    .addHelpText(
      "after",
      `
Exit codes: 0 all documents parsed; ${EXIT.PARTIAL} some failed (each failure is one line on stderr);
${EXIT.INPUT} every document failed (missing, empty, unsupported or unreadable); ${EXIT.INTERNAL} a bug.
A document without the national tables is not a failure: it prints "template": null and an issue.`,
    )
    .action(async (files: string[], options: ParseCommandOptions) => {
      setExitCode(await parseAll(files, options));
    });
}

async function parseAll(files: readonly string[], options: ParseCommandOptions): Promise<number> {
  // Parsers are imported here, not at the top, so `nianbao --help` and other commands start fast.
  const parsing = await import("../../../parsers/index.js");
  const { imagesBesidePage } = await import("../../ingest/page-images.js");
  // `nianbao parse *.html --json | head` closes the pipe early: stop quietly, not with a stack trace.
  exitQuietlyOnClosedPipe(EXIT.OK);
  let failures = 0;
  let internalFailures = 0;
  let first = true;
  for (const file of files) {
    try {
      const bytes =
        file === STDIN ? await readStdin(parsing.MAX_DOCUMENT_BYTES) : await parsing.readDocumentFile(file);
      const name = file === STDIN ? "(stdin)" : file;
      // An HTML report's images saved beside it (page_files/) are read with it.
      const resources = file === STDIN ? [] : await imagesBesidePage(file, bytes);
      const parseOptions = { name, ...(resources.length > 0 ? { resources } : {}) };
      if (options.ir) {
        writeLine(JSON.stringify({ file, ...(await parsing.readDocument(bytes, parseOptions)) }));
        continue;
      }
      const result = await parsing.parseDocument(bytes, parseOptions);
      if (options.json) writeLine(JSON.stringify(contractObject(file, result, options.provenance ?? false)));
      else {
        cli().stdout.write((first ? "" : "\n") + formatSummary(name, result));
        first = false;
      }
    } catch (error) {
      const failure = describeFailure(error, [parsing.ParseError, parsing.InputFileError]);
      failures++;
      if (failure.internal) internalFailures++;
      err(`nianbao: ${file === STDIN ? "(stdin)" : file}: ${failure.message}`);
      if (failure.internal && process.env.NIANBAO_DEBUG)
        err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
  if (failures === 0) return EXIT.OK;
  if (failures < files.length) return EXIT.PARTIAL;
  return internalFailures === failures ? EXIT.INTERNAL : EXIT.INPUT;
}

function writeLine(line: string): void {
  cli().stdout.write(line + "\n");
}

/** Input streams already read: `parse - -` reads stdin once, yet each in-process run has its own. */
const consumedInputs = new WeakSet<object>();

/**
 * Standard input, read as a stream with a cap: an endless pipe ends in a one-line error instead
 * of exhausting memory. (Files are read by readDocumentFile, which refuses what is not a regular
 * file and checks the size before reading.)
 */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const { stdin } = cli();
  if (consumedInputs.has(stdin)) throw new InputError("standard input was already read");
  consumedInputs.add(stdin);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new InputError(`the document is larger than ${maxBytes / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

class InputError extends Error {}

/** The contract's keys in the contract's order, then what we add (format, file, provenance). */
function contractObject(file: string, result: ParseResult, provenance: boolean): Record<string, unknown> {
  const { agency, year, template, values, issues, sources, format, ocr } = result;
  return {
    agency,
    year,
    template,
    values,
    issues,
    format,
    ...(ocr ? { ocr } : {}),
    file,
    ...(provenance && sources ? { sources } : {}),
  };
}

const FS_MESSAGES: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "is a directory, not a document",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENAMETOOLONG: "file name too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EIO: "input/output error while reading",
};

function describeFailure(
  error: unknown,
  userErrorClasses: (new (...args: never[]) => Error)[],
): DocumentFailure {
  if (userErrorClasses.some((c) => error instanceof c) || error instanceof InputError) {
    return { message: (error as Error).message, internal: false };
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FS_MESSAGES[code]) return { message: FS_MESSAGES[code]!, internal: false };
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: `internal error: ${firstLine(message)} (set NIANBAO_DEBUG=1 for the stack trace)`,
    internal: true,
  };
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? "";
}

// The readable form: who, which year, which template, how many figures were found out of those
// the template has, and every identity that fails.
const LABEL_WIDTH = 11;

function line(label: string, value: string): string {
  return `  ${label.padEnd(LABEL_WIDTH)}${value}\n`;
}

/** A few lines describing one parsed document, ending with a newline. */
export function formatSummary(name: string, result: ParseResult): string {
  let out = `${name}\n`;
  out += line("agency", result.agency ?? "(not found)");
  out += line("year", result.year === null ? "(not found)" : String(result.year));
  const format = result.format ? ` (${result.format})` : "";
  out += line(
    "template",
    result.template ? `${result.template}${format}` : `none: no national tables found${format}`,
  );
  if (result.template) {
    const expected = metricsOf(result.template);
    const found = expected.filter((metric) => metric.code in result.values).length;
    out += line("figures", `${found} of ${expected.length}`);
  } else {
    out += line("figures", String(Object.keys(result.values).length));
  }
  if (result.ocr) {
    const { engine, pages, figures, left_out, corrected } = result.ocr;
    const fixed = corrected ? `, ${corrected} of them corrected by the identities` : "";
    out += line(
      "OCR",
      `${figures} figures read from ${pages} ${result.format === "html" ? "report images" : "scanned pages"} (${engine})${fixed}; ${left_out} left out`,
    );
  }
  const identities = result.issues.filter((issue) => issue.code.startsWith("identity."));
  const others = result.issues.filter((issue) => !issue.code.startsWith("identity."));
  if (result.template || identities.length > 0) {
    out += line("identities", identities.length === 0 ? "all hold" : `${identities.length} fail`);
  }
  for (const issue of identities)
    out += `    ${issue.code}${issue.metric ? ` ${issue.metric}` : ""}: ${issue.message}\n`;
  if (others.length > 0) {
    out += line("issues", String(others.length));
    for (const issue of others)
      out += `    ${issue.code}${issue.metric ? ` ${issue.metric}` : ""}: ${issue.message}\n`;
  }
  return out;
}
