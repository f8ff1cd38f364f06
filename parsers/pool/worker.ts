// One parse worker thread: receives documents, answers each with its ParseResult or a serialised
// error. Parsing is the same parseDocument the main thread would run.
import { parentPort } from "node:worker_threads";
import { parseDocument, ParseError } from "../index.js";
import type { ParseRequest, ParseReply } from "./messages.js";

if (!parentPort) throw new Error("parsers/pool/worker must run in a worker thread");
const port = parentPort;

port.on("message", (request: ParseRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});

async function answer({ id, bytes, options }: ParseRequest): Promise<ParseReply> {
  try {
    return { id, result: await parseDocument(bytes, options) };
  } catch (error) {
    if (error instanceof ParseError)
      return { id, error: { name: "ParseError", code: error.code, message: error.message } };
    return { id, error: { name: "Error", message: error instanceof Error ? error.message : String(error) } };
  }
}
