// Switchable transport hazards (portals.md §6.4), applied in front of a site's own routes.
import type { SimRequest, SimResponse } from "./site.js";

export interface HostHazards {
  /** H12: robots.txt — none (404), disallow-all, disallow a path prefix, and/or a Crawl-delay. */
  robots?: { disallow?: string[]; crawlDelaySeconds?: number } | "missing" | "disallow-all";
  /** H13: the host answers every request with an anti-bot challenge. */
  challenge?: "ruishu-412" | "ruishu-200" | "jiasule-521" | "wzws-302";
  /** H14: more than this many requests within one second → 429 with Retry-After. */
  maxRequestsPerSecond?: number;
  /** H9: paths failing with 503 the first `times` requests, then served normally. */
  flaky?: Record<string, number>;
  /** H9: paths always answering 500. */
  broken?: string[];
  /** H10: paths answering after a delay (ms), or trickling their body. */
  slow?: Record<string, { delayMs?: number; trickleMs?: number }>;
  /** H11: paths that redirect in a loop. */
  redirectLoops?: string[];
}

// The 瑞数 challenge body (portal-samples/antibot-ruishu-412.html), trimmed to what matters.
const RUISHU_BODY = `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta id="sx6c1KC7YLcx" content="KszeWp.PSsEFpfp.U5uGy8PSBuml0f4X" r="m"><script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=52206;$_ts.cd="qtJDrpAltcLqlqVmiaqjrnLllkg4qcLctGW3HO7qtGljrfq5iaqjrcLmDkgsr1aErrgjrrqmr1Lcxqq4qcLqtGlAHPLllqVm";</script><script type="text/javascript" charset="utf-8" src="/3of0EhpccaFM/RkdMxdIZoj2i.bc4278d.js" r='m'></script>
</head>
<body>
</body>
</html>
<script type="text/javascript" r='m'>_$gW();</script>`;

const JIASULE_BODY = `<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('=')+(+!+[]+'')+'|-1|'+'Ds0mW8%3D;max-age=3600;path=/';location.href=location.pathname+location.search</script><!-- __jsl_clearance --></body></html>`;

export class HazardGate {
  private readonly flakyCounts = new Map<string, number>();
  private recent: number[] = [];

  constructor(public hazards: HostHazards = {}) {}

  /** A response that replaces the site's own, or undefined to let the site answer. */
  intercept(req: SimRequest): SimResponse | undefined {
    const h = this.hazards;
    if (req.path === "/robots.txt") return this.robots();
    if (h.challenge) return challenge(h.challenge, req.path);
    if (h.maxRequestsPerSecond) {
      const now = Date.now();
      this.recent = this.recent.filter((t) => now - t < 1000);
      this.recent.push(now);
      if (this.recent.length > h.maxRequestsPerSecond) {
        return {
          status: 429,
          headers: { "retry-after": "1", "content-type": "text/html; charset=utf-8" },
          body: "<html><body>访问过于频繁，请稍后再试</body></html>",
        };
      }
    }
    if (h.broken?.includes(req.path)) return { status: 500, body: "Internal Server Error" };
    const flakyTimes = h.flaky?.[req.path];
    if (flakyTimes) {
      const seen = this.flakyCounts.get(req.path) ?? 0;
      this.flakyCounts.set(req.path, seen + 1);
      if (seen < flakyTimes) return { status: seen % 2 ? 502 : 503, body: "Service Unavailable" };
    }
    if (h.redirectLoops?.includes(req.path)) {
      const next = req.query.get("loop") === "1" ? req.path : `${req.path}?loop=1`;
      return { status: 302, headers: { location: next } };
    }
    return undefined;
  }

  /** Delay or trickle settings for a path (applied to the site's answer). */
  pacing(path: string): { delayMs?: number; trickleMs?: number } | undefined {
    return this.hazards.slow?.[path];
  }

  private robots(): SimResponse {
    const r = this.hazards.robots;
    if (!r || r === "missing")
      return { status: 404, headers: { "content-type": "text/html" }, body: "<h1>404</h1>" };
    const lines = ["User-agent: *"];
    if (r === "disallow-all") lines.push("Disallow: /");
    else {
      for (const p of r.disallow ?? []) lines.push(`Disallow: ${p}`);
      if (r.crawlDelaySeconds) lines.push(`Crawl-delay: ${r.crawlDelaySeconds}`);
    }
    return { status: 200, headers: { "content-type": "text/plain" }, body: `${lines.join("\n")}\n` };
  }
}

function challenge(kind: NonNullable<HostHazards["challenge"]>, path: string): SimResponse {
  switch (kind) {
    case "ruishu-412":
      return {
        status: 412,
        headers: { "content-type": "text/html", "set-cookie": "NfBCSins2OywS=60abcdef; path=/; HttpOnly" },
        body: RUISHU_BODY,
      };
    case "ruishu-200":
      return { status: 200, headers: { "content-type": "text/html" }, body: RUISHU_BODY };
    case "jiasule-521":
      return {
        status: 521,
        headers: { "content-type": "text/html", "set-cookie": "__jsluid_s=0d1e2f; path=/" },
        body: JIASULE_BODY,
      };
    case "wzws-302":
      return {
        status: 302,
        headers: {
          location: `/WZWSREL${Buffer.from(path).toString("base64")}?wzwschallenge=V1pXU19DT05GSVJN`,
          "set-cookie": "wzws_cid=abc; path=/",
        },
      };
  }
}
