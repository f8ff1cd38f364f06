// Anti-bot challenge pages seen on government portals. They are recognised and recorded as blocked,
// never solved: a polite crawler does not run their scripts or forge their cookies.
export type ChallengeKind = "ruishu" | "jiasule" | "wzws";

export interface ChallengeCheck {
  status: number;
  headers: Record<string, string>;
  /** The first few KB of the body, as latin1 or decoded text (the markers are ASCII). */
  bodyHead: string;
  location?: string;
}

export function detectChallenge({
  status,
  headers,
  bodyHead,
  location,
}: ChallengeCheck): ChallengeKind | null {
  // 瑞数 (Riversecurity): 412, 202 or even 200 with the $_ts bootstrap and r='m' scripts.
  if (/\$_ts\s*=\s*window\[/.test(bodyHead) || (/\$_ts\./.test(bodyHead) && /r=['"]?m/.test(bodyHead)))
    return "ruishu";
  // 知道创宇 加速乐 / 创宇盾: 521 with a script computing __jsl_clearance, or a __jsluid cookie reload.
  if (/__jsl_clearance/.test(bodyHead) || (status === 521 && /document\.cookie/.test(bodyHead)))
    return "jiasule";
  if (/document\.cookie\s*=\s*['"]__jsluid/.test(bodyHead) && /location\.(reload|href)/.test(bodyHead))
    return "jiasule";
  // 安恒 WZWS: a redirect to ?wzwschallenge= or a WZWSRE path, often with a wzws_cid cookie.
  if (location && /wzwschallenge|WZWSRE/i.test(location)) return "wzws";
  if (/wzwschallenge|WZWSRE/.test(bodyHead)) return "wzws";
  const cookie = headers["set-cookie"] ?? "";
  if (status === 412 && /\w+S=/.test(cookie)) return "ruishu";
  return null;
}
