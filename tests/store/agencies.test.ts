import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveAgency } from "../../src/agencies/resolve.js";

test("a county department resolves to its county under the right city", () => {
  const a = resolveAgency("卧龙区商务局");
  assert.equal(a.region?.code, "411303");
  assert.equal(a.region?.parent?.name, "南阳市");
  assert.equal(a.organ, "商务局");
  assert.equal(a.level, "county");
  assert.equal(a.kind, "department");
  assert.equal(a.canonicalName, "南阳市卧龙区商务局");
});

test("a city department resolves to the city", () => {
  const a = resolveAgency("南阳市招商投资促进局");
  assert.equal(a.region?.code, "411300");
  assert.equal(a.level, "city");
  assert.equal(a.kind, "department");
});

test("a short and a full name of one government resolve to the same region and organ", () => {
  const short = resolveAgency("洪泽区人民政府");
  const full = resolveAgency("淮安市洪泽区人民政府");
  const withProvince = resolveAgency("江苏省 淮安市洪泽区人民政府");
  for (const a of [short, full, withProvince]) {
    assert.equal(a.region?.code, "320813");
    assert.equal(a.organ, "人民政府");
    assert.equal(a.kind, "government");
    assert.equal(a.canonicalName, "淮安市洪泽区人民政府");
  }
});

test("a district name found in several cities stays unplaced, with the reason", () => {
  const a = resolveAgency("鼓楼区人民政府");
  assert.equal(a.region, null);
  assert.match(a.regionNote ?? "", /ambiguous.*南京市鼓楼区.*320106.*福州市鼓楼区/);
  assert.equal(a.level, "county");
});

test("other evidence (a parent named in the title, or a code) settles an ambiguous name", () => {
  assert.equal(
    resolveAgency("鼓楼区人民政府", ["福州市鼓楼区2023年政府信息公开工作年度报告"]).region?.code,
    "350102",
  );
  assert.equal(resolveAgency("鼓楼区教育局", ["320302"]).region?.code, "320302");
  assert.equal(resolveAgency("城关镇人民政府", ["河南省南阳市内乡县"]).region?.code, "411325100");
});

test("a parent prefix in the name itself settles a township", () => {
  const a = resolveAgency("内乡县城关镇人民政府");
  assert.equal(a.region?.code, "411325100");
  assert.equal(a.level, "township");
  assert.equal(a.kind, "government");
});

test("national bodies have the national level and no region; unknown places say why", () => {
  const national = resolveAgency("国家税务总局");
  assert.equal(national.level, "national");
  assert.equal(national.regionNote, null);
  const unknown = resolveAgency("某某管理局");
  assert.equal(unknown.region, null);
  assert.match(unknown.regionNote ?? "", /no region/);
});

test("municipality districts hang directly under the municipality", () => {
  const a = resolveAgency("上海市浦东新区人民政府");
  assert.equal(a.region?.code, "310115");
  assert.equal(a.canonicalName, "上海市浦东新区人民政府");
});

test("short organ names and special zones resolve to the same agency as their full forms", () => {
  const short = resolveAgency("上海市科委");
  const full = resolveAgency("上海市科学技术委员会");
  assert.equal(short.organ, "科学技术委员会");
  assert.deepEqual(
    [short.region?.code, short.organ, short.canonicalName],
    [full.region?.code, full.organ, full.canonicalName],
  );
  const zone = resolveAgency("平潭综合实验区");
  assert.deepEqual(
    [zone.region?.code, zone.kind, zone.canonicalName],
    ["350128", "government", "平潭综合实验区"],
  );
  assert.equal(resolveAgency("平潭综合实验区管委会").organ, zone.organ);
});
