// Discovery on real portal markup (tests/fixtures/crawlers, copied from research/portal-samples),
// plus the text-level helpers: titles, charsets, challenge pages, the sources registry.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import iconv from "iconv-lite";
import { discoverFromApi, discoverFromListing, readPage } from "../../crawlers/discovery/discover.js";
import { examineArticle } from "../../crawlers/discovery/article.js";
import { classifyTitle } from "../../crawlers/discovery/report-title.js";
import { readDataproxy } from "../../crawlers/families/hanweb.js";
import { detectChallenge } from "../../crawlers/http/antibot.js";
import { decodeBytes } from "../../crawlers/http/decode.js";
import { requestKey } from "../../crawlers/frontier.js";
import { loadSources, saveSources, SourcesError } from "../../crawlers/sources.js";
import { projectRoot } from "../../src/paths.js";

const fixture = (name: string) => readFileSync(join(projectRoot, "tests/fixtures/crawlers", name), "utf8");

describe("TRS listing (trs-listing-1.html, verbatim)", () => {
  const url = "http://www.ordos.gov.cn/egb/xxgk/xxgknb/";
  const found = discoverFromListing(fixture("trs-listing-1.html"), url, 0);

  test("the script-only pager gives index.html and index_1.html", () => {
    const listings = found.requests.filter((r) => r.kind === "listing").map((r) => r.url);
    assert.ok(listings.includes(`${url}index_1.html`));
    assert.ok(found.families.includes("trs"));
  });

  test("reports are recognised by title; news items are not", () => {
    const titles = found.requests.filter((r) => r.kind === "article").map((r) => r.title);
    assert.deepEqual(titles.sort(), [
      "内蒙古自治区2018年政府信息公开工作年度报告",
      "鄂尔多斯市2018年政府信息公开年度报告",
      "鄂尔多斯市2019年政府信息公开工作年度报告",
      "鄂尔多斯市人民政府办公室2019年政府信息公开工作年度报告",
    ]);
    const urls = found.requests.filter((r) => r.kind === "article").map((r) => r.url);
    assert.ok(urls.includes(`${url}202009/t20200903_2748784.html`));
  });

  test("nothing from third-party widgets or navigation is queued", () => {
    assert.ok(found.requests.every((r) => !/cnzz|conac|kaipuyun|tianqi/.test(r.url)));
  });

  test("--since drops reports of earlier years", () => {
    const recent = discoverFromListing(fixture("trs-listing-1.html"), url, 0, { sinceYear: 2019 });
    assert.equal(recent.requests.filter((r) => r.kind === "article").length, 2);
  });
});

describe("Hanweb (hanweb-listing-1.html, hanweb-dataproxy-1.xml)", () => {
  const url = "https://www.jiangsu.gov.cn/col/col33718/index.html";
  const found = discoverFromListing(fixture("hanweb-listing-1.html"), url, 0);

  test("records inside the <script type=text/xml> datastore are found", () => {
    const articles = found.requests.filter((r) => r.kind === "article").map((r) => r.url);
    assert.equal(articles.length, 3);
    assert.ok(articles.includes("https://www.jiangsu.gov.cn/art/2024/1/26/art_33718_11190001.html"));
  });

  test("later groups are asked from dataproxy.jsp with the page's own form fields", () => {
    const proxy = found.requests.find((r) => r.kind === "api")!;
    assert.equal(proxy.method, "POST");
    const u = new URL(proxy.url);
    assert.equal(u.pathname, "/module/web/jpage/dataproxy.jsp");
    assert.equal(u.searchParams.get("startrecord"), "4");
    assert.equal(u.searchParams.get("perpage"), "19");
    const form = new URLSearchParams(proxy.body);
    assert.equal(form.get("columnid"), "33718");
    assert.equal(form.get("unitid"), "212860");
    assert.equal(form.get("webname"), "江苏省人民政府");
  });

  test("a dataproxy answer yields its records and the next group until totalrecord", () => {
    const request = {
      url: "http://jshrss.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15",
      body: "columnid=77278&unitid=303271",
    };
    const { links, next } = readDataproxy(fixture("hanweb-dataproxy-1.xml"), request);
    assert.equal(links.length, 2);
    assert.equal(links[0]!.text, "江苏省人力资源和社会保障厅2023年政府信息公开工作年度报告");
    assert.equal(new URL(next!.url).searchParams.get("startrecord"), "46");
    assert.equal(next!.body, "columnid=77278&unitid=303271");
    const last = readDataproxy(fixture("hanweb-dataproxy-1.xml"), {
      ...request,
      url: request.url.replace("startrecord=1&endrecord=45", "startrecord=1891&endrecord=1935"),
    });
    assert.equal(last.next, null);
  });
});

describe("JSON listing APIs", () => {
  test("Fujian /fjdzapp/search: documents and their files[]; no next page past pageCount", () => {
    const json = fixture("fujian-fjdzapp-search-1.json");
    const found = discoverFromApi(
      json,
      { url: "https://www.sm.gov.cn/fjdzapp/search", body: "channelid=229105&page=1", family: "fujian" },
      1,
    );
    // Neither record is an annual report: nothing is queued.
    assert.deepEqual(found.requests, []);
    const asReport = json.replace(
      "三明市人民政府关于修改部分规章的决定",
      "三明市人民政府2025年政府信息公开工作年度报告",
    );
    const report = discoverFromApi(
      asReport,
      { url: "https://www.sm.gov.cn/fjdzapp/search", body: "channelid=229105&page=1", family: "fujian" },
      1,
    );
    assert.deepEqual(report.requests.map((r) => r.kind).sort(), ["article", "attachment", "attachment"]);
    assert.ok(
      report.requests.some(
        (r) => r.url === "https://www.sm.gov.cn/smsrmzfbgs/smsrmzf/szfgz/202608/P020260820568237382978.pdf",
      ),
    );
  });

  test("gkmlpt /gkmlpt/api/all: articles, attachments, and paging while total says so", () => {
    const found = discoverFromApi(
      fixture("gkmlpt-api-all-1.json"),
      { url: "https://www.gz.gov.cn/gkmlpt/api/all/5?page=1&sid=2", body: null, family: "gkmlpt" },
      1,
    );
    const kinds = found.requests.map((r) => `${r.kind} ${r.url}`);
    assert.ok(kinds.includes("article https://www.gz.gov.cn/gkmlpt/content/9/9469/post_9469010.html"));
    assert.ok(kinds.includes("attachment https://www.gz.gov.cn/attachment/1/1120/1120456/9469123.pdf"));
    assert.ok(
      found.requests.every((r) => r.kind !== "api"),
      "total 2 with 2 articles: no second page",
    );
  });

  test("a gkmlpt entry URL names its column in the fragment", () => {
    const found = discoverFromListing(
      `<script>var SID = "755031";</script>`,
      "https://www.lg.gov.cn/gkmlpt/index#2811",
      0,
    );
    assert.deepEqual(
      found.requests.filter((r) => r.kind === "api").map((r) => r.url),
      ["https://www.lg.gov.cn/gkmlpt/api/all/2811?page=1&sid=755031"],
    );
  });
});

describe("titles", () => {
  const cases: [string, boolean][] = [
    ["莆田市民族与宗教事务局2023年度政府信息公开工作年度报告", true],
    ["南阳市招商投资促进局 2023 年政府信息公开工作 年度报告", true],
    ["2022年上海市政府信息公开工作年度报告", true],
    ["舒兰市市场监督管理局2016年政务信息公开年度报告", true],
    ["宿州市人民政府2019年政府信息公开工作年度报告（图片版）", true],
    ["沭阳县审计局2023年度政府信息公开工作年度报告", true],
    ["石狮市2023年政府信息公开工作年度报告公布情况", false],
    ["一图读懂2023年政府信息公开工作年度报告", false],
    ["关于做好2023年政府信息公开工作年度报告编制工作的通知", false],
    ["恩格贝生态示范区召开2020年度工作会暨党风廉政建设会议", false],
  ];
  for (const [title, candidate] of cases) {
    test(`${candidate ? "report" : "not a report"}: ${title}`, () =>
      assert.equal(classifyTitle(title).candidate, candidate));
  }
});

describe("article pages", () => {
  test("a meta refresh to the parent directory means the document was deleted", () => {
    const verdict = examineArticle(
      readPage(
        `<html><head><meta http-equiv="refresh" content="0;url=../"></head></html>`,
        "https://x.gov.cn/a/zfxxgknb/202002/t20200221_1.htm",
      ),
      "",
      1,
    );
    assert.equal(verdict.kind, "deleted");
  });

  test("a 200 answer reading 非法请求 404！ is a soft 404", () => {
    assert.equal(
      examineArticle(
        readPage("<html><body>非法请求 404！</body></html>", "https://x.gov.cn/a/1.htm"),
        "某局2023年政府信息公开工作年度报告",
        1,
      ).kind,
      "soft_404",
    );
  });

  test("a page that only points to the PDF is not itself a report, its attachment is", () => {
    const page = `<html><head><meta name="ArticleTitle" content="某局2023年政府信息公开工作年度报告"></head><body>
      <div class="TRS_Editor"><p>现将报告予以公布。</p></div>
      <div class="fj"><a href="./P020240116354059098704.pdf">某局2023年政府信息公开工作年度报告.pdf</a> <a href="/zwgk/">政务公开</a></div></body></html>`;
    const verdict = examineArticle(readPage(page, "https://x.gov.cn/zfxxgknb/202401/t20240116_1.htm"), "", 1);
    assert.equal(verdict.kind, "page");
    if (verdict.kind !== "page") return;
    assert.equal(verdict.isReport, false);
    assert.deepEqual(
      verdict.attachments.map((a) => a.url),
      ["https://x.gov.cn/zfxxgknb/202401/P020240116354059098704.pdf"],
    );
  });
});

describe("documents shown in a viewer or embedded", () => {
  const title = `<meta name="ArticleTitle" content="某局2023年政府信息公开工作年度报告">`;
  const examine = (body: string) => {
    const verdict = examineArticle(
      readPage(
        `<html><head>${title}</head><body>${body}</body></html>`,
        "https://x.gov.cn/zwgk/202401/t20240116_1.html",
      ),
      "",
      1,
    );
    assert.equal(verdict.kind, "page");
    return verdict.kind === "page" ? verdict.attachments.map((a) => [a.url, a.title]) : [];
  };
  const own = "某局2023年政府信息公开工作年度报告";

  test("a pdf.js viewer link gives the file, relative to the viewer", () => {
    assert.deepEqual(
      examine(`<a href="/pdfjs/web/viewer.html?file=%2Fuploads%2F2024%2Fnb.pdf">在线预览</a>`),
      [["https://x.gov.cn/uploads/2024/nb.pdf", own]],
    );
    assert.deepEqual(examine(`<a href="/pdfjs/web/viewer.html?file=../../files/nb.pdf">查看原文</a>`), [
      ["https://x.gov.cn/files/nb.pdf", own],
    ]);
  });

  test("a kkFileView link carries the file's URL in base64", () => {
    const encoded = Buffer.from("https://files.x.gov.cn/2024/年报.docx").toString("base64");
    assert.deepEqual(
      examine(`<a href="https://view.x.gov.cn/onlinePreview?url=${encodeURIComponent(encoded)}">预览</a>`),
      [["https://files.x.gov.cn/2024/%E5%B9%B4%E6%8A%A5.docx", own]],
    );
  });

  test("a report shown in an iframe, embed or object is the page's attachment", () => {
    assert.deepEqual(
      examine(`<iframe src="/pdfjs/web/viewer.html?file=/uploads/nb.pdf" width="100%"></iframe>`),
      [["https://x.gov.cn/uploads/nb.pdf", own]],
    );
    assert.deepEqual(examine(`<embed src="./P020240116.pdf" type="application/pdf">`), [
      ["https://x.gov.cn/zwgk/202401/P020240116.pdf", own],
    ]);
    assert.deepEqual(examine(`<object data="/files/nb.pdf"></object>`), [
      ["https://x.gov.cn/files/nb.pdf", own],
    ]);
  });

  test("an anchor that opens the file by script is followed", () => {
    assert.deepEqual(
      examine(`<a href="javascript:void(0)" onclick="window.open('/uploads/nb.pdf','_blank')">点击查看</a>`),
      [["https://x.gov.cn/uploads/nb.pdf", own]],
    );
  });

  test("frames and viewers that show no document give nothing", () => {
    assert.deepEqual(
      examine(
        `<iframe src="https://map.x.gov.cn/embed?x=1"></iframe><iframe src="/share.html?url=%2Fzwgk%2Findex.html"></iframe>` +
          `<a href="/viewer.html?file=notes">预览</a><a href="javascript:void(0)" onclick="window.open('/zwgk/list.html')">更多</a>`,
      ),
      [],
    );
  });
});

describe("text decoding", () => {
  test("GBK bytes declared only in <meta> decode without mojibake, including non-GB2312 characters", () => {
    const text = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>〔2024〕堃喆 政府信息公开工作年度报告</body></html>`;
    const decoded = decodeBytes(iconv.encode(text, "gbk"), "text/html");
    assert.equal(decoded.charset, "gb18030");
    assert.ok(decoded.text.includes("〔2024〕堃喆 政府信息公开工作年度报告"));
  });

  test("UTF-8 bytes under a wrong gb2312 meta are read as UTF-8, with a warning", () => {
    const decoded = decodeBytes(new TextEncoder().encode(`<meta charset="gb2312"><p>年度报告</p>`));
    assert.equal(decoded.charset, "utf-8");
    assert.match(decoded.warning ?? "", /UTF-8/);
    assert.ok(decoded.text.includes("年度报告"));
  });
});

describe("challenge pages", () => {
  test("the 瑞数 sample is recognised whatever its status", () => {
    const body = fixture("antibot-ruishu-412.html");
    assert.equal(detectChallenge({ status: 412, headers: {}, bodyHead: body }), "ruishu");
    assert.equal(detectChallenge({ status: 200, headers: {}, bodyHead: body }), "ruishu");
  });
  test("加速乐 521 and WZWS redirects are recognised; an ordinary page is not", () => {
    assert.equal(
      detectChallenge({
        status: 521,
        headers: {},
        bodyHead: "<script>document.cookie=('_')+('_')+('j')+'__jsl_clearance'</script>",
      }),
      "jiasule",
    );
    assert.equal(
      detectChallenge({ status: 302, headers: {}, bodyHead: "", location: "/WZWSREL2E?wzwschallenge=V1pX" }),
      "wzws",
    );
    assert.equal(
      detectChallenge({ status: 200, headers: {}, bodyHead: fixture("trs-listing-1.html").slice(0, 8192) }),
      null,
    );
  });
});

describe("frontier keys and the sources registry", () => {
  test("a column's index page and its directory are one request", () => {
    assert.equal(
      requestKey("https://x.gov.cn/a/zfxxgknb/index.html"),
      requestKey("https://x.gov.cn/a/zfxxgknb/"),
    );
    assert.notEqual(requestKey("https://x.gov.cn/a/?page=2"), requestKey("https://x.gov.cn/a/"));
  });

  test("the shipped data/sources.json is valid and every entry is marked unverified", () => {
    const registry = loadSources(join(projectRoot, "data/sources.json"));
    assert.ok(registry.sources.length >= 10);
    assert.ok(registry.sources.every((s) => s.verified === false));
  });

  test("an invalid registry is refused with the reason; saving writes a file that loads back", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-sources-"));
    try {
      const path = join(dir, "sources.json");
      writeFileSync(
        path,
        JSON.stringify({ version: 1, sources: [{ id: "Bad Id", name: "x", entries: ["ftp://x"] }] }),
      );
      assert.throws(() => loadSources(path), SourcesError);
      const registry = {
        version: 1 as const,
        sources: [
          {
            id: "x-gov",
            name: "X",
            entries: ["https://x.gov.cn/zfxxgknb/"],
            allowedHosts: [],
            verified: false,
            verifiedOn: null,
          },
        ],
      };
      saveSources(path, registry);
      assert.deepEqual(loadSources(path), registry);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("agency-less, year-less titles", () => {
  test("a bare title is a report when it links an article file, not when it names the column", () => {
    const html = `<ul><li><a href="./202401/t20240116_1898820.htm">政府信息公开工作年度报告</a></li>
      <li><a href="./">政府信息公开工作年度报告</a></li><li><a href="index.htm">政府信息公开年报</a></li></ul>`;
    const found = discoverFromListing(html, "https://x.gov.cn/bm/zfxxgknb/", 0);
    assert.deepEqual(
      found.requests.filter((r) => r.kind === "article").map((r) => r.url),
      ["https://x.gov.cn/bm/zfxxgknb/202401/t20240116_1898820.htm"],
    );
  });
});
