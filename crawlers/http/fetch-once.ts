// One HTTP exchange, no redirects followed (each hop is checked by the caller against the allow-list
// and robots.txt). The body is streamed and capped; a trickling server is cut off by a total deadline.
import { brotliDecompressSync, constants, gunzipSync, inflateSync } from "node:zlib";
import { Agent, request, type Dispatcher } from "undici";

export interface HttpRequest {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
  elapsedMs: number;
}

export interface FetchLimits {
  /** Whole exchange, headers and body. */
  timeoutMs: number;
  maxBodyBytes: number;
}

/**
 * Why no answer came: the name resolution failed (dns), nothing listens (refused), the connection
 * dropped (reset), the TLS handshake or certificate failed (tls), no complete answer in time
 * (timeout), or another socket error (network). Each is a network failure, never a robots refusal.
 */
export type NetworkFailure = "dns" | "refused" | "reset" | "tls" | "timeout" | "network";

export class FetchError extends Error {
  constructor(
    readonly reason: NetworkFailure,
    message: string,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export function createAgent(timeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: Math.min(timeoutMs, 15_000) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
    connections: 2,
  });
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

export async function fetchOnce(
  req: HttpRequest,
  limits: FetchLimits,
  dispatcher: Dispatcher,
): Promise<HttpResponse> {
  const started = performance.now();
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const res = await request(req.url, {
      method: req.method ?? "GET",
      headers: req.headers,
      body: req.body,
      dispatcher,
      signal: controller.signal,
    });
    const chunks: Uint8Array[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      if (size + chunk.length > limits.maxBodyBytes) {
        chunks.push(chunk.subarray(0, limits.maxBodyBytes - size));
        size = limits.maxBodyBytes;
        truncated = true;
        res.body.destroy();
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
    const headers = flattenHeaders(res.headers);
    const decoded = decodeContentEncoding(Buffer.concat(chunks, size), headers, limits.maxBodyBytes);
    return {
      url: req.url,
      status: res.statusCode,
      headers,
      body: decoded.body,
      truncated: truncated || decoded.truncated,
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    throw classify(error, controller.signal.aborted, limits.timeoutMs);
  } finally {
    clearTimeout(deadline);
  }
}

const DNS_CODES = /^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME|EAI_NODATA|ENODATA|ESERVFAIL)$/;
const REFUSED_CODES = /^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/;
const RESET_CODES = /^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED)$/;

/** The error code of an undici failure, which often sits on `cause`. */
function codeOf(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code && e.code !== "UND_ERR" ? e.code : (e?.cause?.code ?? e?.code ?? "");
}

export function classify(error: unknown, aborted: boolean, timeoutMs: number): FetchError {
  const e = error as { message?: string; name?: string; cause?: { message?: string } };
  const code = codeOf(error);
  const message = [e?.message ?? String(error), e?.cause?.message].filter(Boolean).join(": ");
  const detail = `${code || "error"}: ${message}`;
  if (aborted || /TIMEOUT/i.test(code) || e?.name === "AbortError") {
    return new FetchError("timeout", `no complete answer within ${timeoutMs} ms`);
  }
  if (DNS_CODES.test(code)) return new FetchError("dns", detail);
  if (REFUSED_CODES.test(code)) return new FetchError("refused", detail);
  if (/CERT|SSL|TLS|self.signed|altnames|EPROTO/i.test(`${code} ${message}`))
    return new FetchError("tls", detail);
  if (RESET_CODES.test(code) || /socket hang up|other side closed/i.test(message))
    return new FetchError("reset", detail);
  return new FetchError("network", detail);
}

/**
 * A body compressed though no compression was asked for (some portals gzip every answer, with
 * Content-Encoding or without it): decoded here, with the same cap as the body, so the parser sees
 * the document and not `not_report` gzip bytes. A body that does not decode is left as it came.
 */
function decodeContentEncoding(
  body: Buffer,
  headers: Record<string, string>,
  maxBytes: number,
): { body: Buffer; truncated: boolean } {
  const declared = (headers["content-encoding"] ?? "").trim().toLowerCase();
  const gzipMagic = body[0] === 0x1f && body[1] === 0x8b && body[2] === 0x08;
  const type = (headers["content-type"] ?? "").toLowerCase();
  // Without the header, only gzip's magic on a body served as a document (not as an archive).
  const codec =
    declared === "gzip" || declared === "x-gzip" || (!declared && gzipMagic && !/gzip|octet|zip/.test(type))
      ? "gzip"
      : declared === "deflate"
        ? "deflate"
        : declared === "br"
          ? "br"
          : null;
  if (!codec || body.length === 0) return { body, truncated: false };
  const options = { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH };
  try {
    const out =
      codec === "gzip"
        ? gunzipSync(body, options)
        : codec === "deflate"
          ? inflateSync(body, options)
          : brotliDecompressSync(body, { maxOutputLength: maxBytes });
    delete headers["content-encoding"];
    headers["content-length"] = String(out.length);
    return { body: out, truncated: false };
  } catch (error) {
    // Past the cap: a decompression bomb, or a document too large, is cut like any long body.
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      return { body: Buffer.alloc(0), truncated: true };
    return { body, truncated: false };
  }
}
