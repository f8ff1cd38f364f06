// gov.cn-style static sites (ministries, site-wide lists): UCAP-CONTENT article bodies and plain
// server-rendered listings paged by 下一页 links, read by the generic mechanics (discovery/generic.ts).
import type { PortalFamily } from "./family.js";

export const govcn = {
  id: "govcn" as const,
  description: "gov.cn-style static pages: div.pages_content#UCAP-CONTENT, 下一页 links",
  recognise(page) {
    return /UCAP-CONTENT|pages_content/.test(page.html)
      ? { confirmed: true, why: "UCAP-CONTENT / pages_content body" }
      : null;
  },
} satisfies PortalFamily;
