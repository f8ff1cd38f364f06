// Views of the template description (description.ts) that its users need: table 3's rows flattened
// in printed and in dictionary order, the metric dictionary, each revision's table 2 columns, and
// the identities expanded into checks over metric codes. Pure functions of the data, computed once.
import {
  CROSS_YEAR,
  IDENTITIES,
  REVISIONS,
  TABLE2,
  TABLE3,
  TABLE4,
  type CrossYearRelation,
  type IdentityAxis,
  type IdentitySpec,
  type Table2Column,
  type Table3Row,
  type TemplateId,
  type Unit,
} from "./description.js";

// ---------------------------------------------------------------------------------------------
// Table 3 rows

/** A table 3 row that holds figures, with its full metric-code stem. */
export interface T3RowInfo {
  /** Metric-code stem: "denied.state_secret", "other", "other.no_fee". */
  key: string;
  /** Wordings, the template's first. */
  labels: readonly string[];
  /** As printed in the template: "1.属于国家秘密". */
  printed: string;
  /** The metric dictionary's label: keyed headings and the row ("（三）不予公开/1.属于国家秘密"). */
  path: string;
  en: string;
  templates: readonly TemplateId[];
  /** Key of the keyed heading it is an item of ("denied"), if any. */
  parent?: string;
  /** Its items' keys when it is a heading holding figures of its own ((六)其他处理). */
  items?: string[];
}

/** A heading of table 3 that holds no figures (三、本年度办理结果, （三）不予公开 …). */
export interface T3HeadingInfo {
  key?: string;
  labels: readonly string[];
  printed: string;
  items: T3RowInfo[];
}

function flatten(
  rows: readonly Table3Row[],
  parent: { key?: string; path: string; templates: readonly TemplateId[] },
  printedOrder: T3RowInfo[],
  dictionaryOrder: T3RowInfo[],
  headings: T3HeadingInfo[],
): T3RowInfo[] {
  const here: T3RowInfo[] = [];
  for (const row of rows) {
    const key = row.key === undefined ? parent.key : parent.key ? `${parent.key}.${row.key}` : row.key;
    const printed = `${row.number}${row.labels[0]}`;
    const templates = row.templates ?? parent.templates;
    const keyed = row.key !== undefined;
    const path = keyed ? (parent.path ? `${parent.path}/${printed}` : printed) : parent.path;
    const own: T3RowInfo | null =
      keyed && (row.figures || !row.items)
        ? {
            key: key!,
            labels: row.labels,
            printed,
            path,
            en: row.en ?? "",
            templates,
            ...(parent.key ? { parent: parent.key } : {}),
          }
        : null;
    if (own) {
      printedOrder.push(own);
      here.push(own);
    }
    if (row.items) {
      const heading: T3HeadingInfo | null = own
        ? null
        : { ...(keyed ? { key } : {}), labels: row.labels, printed, items: [] };
      if (heading) headings.push(heading);
      const items = flatten(row.items, { key, path, templates }, printedOrder, dictionaryOrder, headings);
      if (own) own.items = items.filter((i) => i.parent === key).map((i) => i.key);
      if (heading) heading.items = items;
      here.push(...items.filter((i) => i !== own));
    }
    // The dictionary lists a heading's own figures after its items (they add up to it).
    if (own) dictionaryOrder.push(own);
  }
  return here;
}

const printedOrder: T3RowInfo[] = [];
const dictionaryOrder: T3RowInfo[] = [];
const headings: T3HeadingInfo[] = [];
flatten(TABLE3.rows, { path: "", templates: REVISIONS }, printedOrder, dictionaryOrder, headings);

/** Table 3's rows in printed order (a heading with figures before its items), every revision. */
export const T3_ROWS: readonly T3RowInfo[] = printedOrder;
/** Table 3's headings that hold no figures, in printed order. */
export const T3_HEADINGS: readonly T3HeadingInfo[] = headings;
export const T3_COLUMN_KEYS: readonly string[] = TABLE3.columns.map((c) => c.key);
/** The five columns under 法人或其他组织: every applicant column but natural persons and the total. */
export const T3_ORGANISATION_COLUMNS: readonly string[] = T3_COLUMN_KEYS.filter(
  (key) => key !== "natural" && key !== "total",
);

const inTemplate = (t: TemplateId) => (r: { templates: readonly TemplateId[] }) => r.templates.includes(t);

/** Table 3's row keys of a revision in printed order. */
export function t3RowKeys(template: TemplateId): string[] {
  return T3_ROWS.filter(inTemplate(template)).map((r) => r.key);
}

/** Table 3's row keys of a revision in the metric dictionary's order (items before their sum). */
export function t3DictionaryRowKeys(template: TemplateId): string[] {
  return dictionaryOrder.filter(inTemplate(template)).map((r) => r.key);
}

/** The items of a keyed heading ("denied" → denied.state_secret …) in a revision. */
export function t3ItemsOf(parent: string, template?: TemplateId): string[] {
  return T3_ROWS.filter((r) => r.parent === parent && (!template || r.templates.includes(template))).map(
    (r) => r.key,
  );
}

// ---------------------------------------------------------------------------------------------
// Table 2

/** Each table 2 row's columns as a revision prints them (only rows it prints). */
export function table2Columns(template: TemplateId): Record<string, Table2Column[]> {
  const out: Record<string, Table2Column[]> = {};
  for (const section of TABLE2.layouts[template]) {
    for (const { key } of section.rows) {
      const row = TABLE2.rows.find((r) => r.key === key);
      if (!row) throw new Error(`table 2 layout ${template} names unknown row ${key}`);
      out[key] = row.columns.filter((c) => c.templates.includes(template));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Metric dictionary

export interface MetricInfo {
  code: string;
  section: "t2" | "t3" | "t4";
  label_zh: string;
  label_en: string;
  templates: TemplateId[];
  unit: Unit;
}

const ordered = (templates: readonly TemplateId[]): TemplateId[] =>
  REVISIONS.filter((t) => templates.includes(t));

function buildMetrics(): MetricInfo[] {
  const out: MetricInfo[] = [];
  for (const row of TABLE2.rows) {
    for (const column of row.columns) {
      out.push({
        code: `t2.${row.key}.${column.key}`,
        section: "t2",
        label_zh: `${row.labels[0]}/${column.zh}`,
        label_en: `${row.en}: ${column.en}`,
        templates: ordered(column.templates),
        unit: column.unit ?? "count",
      });
    }
  }
  for (const row of dictionaryOrder) {
    for (const column of TABLE3.columns) {
      out.push({
        code: `t3.${row.key}.${column.key}`,
        section: "t3",
        label_zh: `${row.path}/${column.zh}`,
        label_en: `${row.en} — ${column.en}`,
        templates: ordered(row.templates),
        unit: "count",
      });
    }
  }
  for (const group of TABLE4.groups) {
    for (const result of TABLE4.results) {
      out.push({
        code: `t4.${group.key}.${result.key}`,
        section: "t4",
        label_zh: `${group.parent ? `${group.parent}/` : ""}${group.zh}/${result.zh}`,
        label_en: `${group.en}: ${result.en}`,
        templates: [...REVISIONS],
        unit: "count",
      });
    }
  }
  return out;
}

/** Every figure of every revision, in the order of data/metrics.json. */
export const METRIC_LIST: readonly MetricInfo[] = buildMetrics();

// ---------------------------------------------------------------------------------------------
// Identities

/** One identity of the description applied to one member of its axis, over metric codes. */
export interface IdentityCheck {
  code: string;
  /** What the identity is repeated over, and the member this check is for (a column, row or group key). */
  axis: IdentityAxis;
  member: string;
  /** The figure the issue names. */
  metric: string;
  /** Σ left = Σ right. */
  left: string[];
  right: string[];
  /** Every code it reads (all must be present for it to be checked). */
  terms: string[];
  /** The template prints either side, never both (see SumIdentity.definesTotal). */
  definesTotal: boolean;
  /** Null when it holds, else a message naming the numbers. */
  evaluate(values: Readonly<Record<string, number>>): string | null;
}

interface Member {
  key: string;
  zh: string;
  /** Metric code of a term for this member. */
  code(term: string): string;
  /** Terms a wildcard "x.*" stands for. */
  expand(term: string): string[];
}

function membersOf(axis: IdentityAxis, template: TemplateId): Member[] {
  const items = (term: string): string[] =>
    term.endsWith(".*") ? t3ItemsOf(term.slice(0, -2), template) : [term];
  switch (axis) {
    case "t3.column":
      return TABLE3.columns.map((c) => ({
        key: c.key,
        zh: c.zh,
        code: (row) => `t3.${row}.${c.key}`,
        expand: items,
      }));
    case "t3.row":
      return T3_ROWS.filter(inTemplate(template)).map((r) => ({
        key: r.key,
        zh: r.printed,
        code: (column) => `t3.${r.key}.${column}`,
        expand: (t) => [t],
      }));
    case "t4.group":
      return TABLE4.groups.map((g) => ({
        key: g.key,
        zh: g.zh,
        code: (result) => `t4.${g.key}.${result}`,
        expand: (t) => [t],
      }));
  }
}

const add = (values: Readonly<Record<string, number>>, codes: string[]): number => {
  let sum = 0;
  for (const code of codes) sum += values[code]!;
  return sum;
};

function checkOf(spec: IdentitySpec, member: Member): IdentityCheck {
  const flow = "in" in spec;
  const leftTerms = flow ? spec.in.flatMap(member.expand) : [spec.total];
  const rightTerms = flow ? spec.out.flatMap(member.expand) : spec.parts.flatMap(member.expand);
  const left = leftTerms.map(member.code);
  const right = rightTerms.map(member.code);
  const named = new Map([...leftTerms, ...rightTerms].map((t, i) => [t, [...left, ...right][i]!]));
  const metric = member.code(flow ? spec.about : spec.total);
  return {
    code: spec.code,
    axis: spec.each,
    member: member.key,
    metric,
    left,
    right,
    terms: [...left, ...right],
    definesTotal: !flow && spec.definesTotal === true,
    evaluate(values) {
      const l = add(values, left);
      const r = add(values, right);
      if (l === r) return null;
      const fill: Record<string, string> = {
        member: member.key,
        member_zh: member.zh,
        sum: String(r),
        in: String(l),
        out: String(r),
      };
      return spec.message.replace(/\{([a-z_.*]+)\}/g, (whole, name: string) => {
        if (name in fill) return fill[name]!;
        const code = named.get(name);
        return code === undefined ? whole : String(values[code]);
      });
    },
  };
}

const checks = new Map<TemplateId, IdentityCheck[]>();

/**
 * Every identity of a revision over metric codes, in reporting order: axis by axis (in order of
 * first appearance), member by member, identity by identity.
 */
export function identityChecks(template: TemplateId): IdentityCheck[] {
  let known = checks.get(template);
  if (known) return known;
  known = [];
  const specs = IDENTITIES.filter((s) => !s.templates || s.templates.includes(template));
  const axes = [...new Set(specs.map((s) => s.each))];
  for (const axis of axes) {
    const here = specs.filter((s) => s.each === axis);
    for (const member of membersOf(axis, template))
      for (const spec of here) known.push(checkOf(spec, member));
  }
  checks.set(template, known);
  return known;
}

/** Every identity that fails on the figures present (an identity is checked when all its figures are). */
export function failingIdentities(
  template: TemplateId,
  values: Readonly<Record<string, number>>,
  outcomes: IdentityOutcomes = identityOutcomes(template, values),
): { code: string; metric: string; message: string }[] {
  const out: { code: string; metric: string; message: string }[] = [];
  const all = identityChecks(template);
  for (let i = 0; i < all.length; i++) {
    if (outcomes[i] !== FAILS) continue;
    const check = all[i]!;
    out.push({ code: check.code, metric: check.metric, message: check.evaluate(values)! });
  }
  return out;
}

/**
 * What each identity of identityChecks(template) gives on the figures, by position: UNCHECKED (a
 * figure it reads is missing), HOLDS or FAILS. Computed once per report and shared by the failing
 * identities and the witnesses, which would otherwise walk the identities twice.
 */
export type IdentityOutcomes = Uint8Array;
const UNCHECKED = 0;
const HOLDS = 1;
const FAILS = 2;

export function identityOutcomes(
  template: TemplateId,
  values: Readonly<Record<string, number>>,
): IdentityOutcomes {
  const all = identityChecks(template);
  const out = new Uint8Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const check = all[i]!;
    if (!check.terms.every((t) => t in values)) continue;
    out[i] = add(values, check.left) === add(values, check.right) ? HOLDS : FAILS;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cross-year relations

/** A cross-year relation applied to one member, over metric codes. */
export interface CrossYearCheck {
  code: string;
  templates?: readonly TemplateId[];
  current: string;
  previous: string;
  plus: string[];
  minus: string[];
}

function crossYearMembers(relation: CrossYearRelation): CrossYearCheck[] {
  const fill = (pattern: string, name: string, value: string): string => pattern.replace(`{${name}}`, value);
  const [name, members] =
    relation.each === "t3.column" ? ["column", T3_COLUMN_KEYS] : ["row", relation.each.rows];
  return members.map((m) => ({
    code: relation.code,
    ...(relation.templates ? { templates: relation.templates } : {}),
    current: fill(relation.current, name, m),
    previous: fill(relation.previous, name, m),
    plus: (relation.plus ?? []).map((p) => fill(p, name, m)),
    minus: (relation.minus ?? []).map((p) => fill(p, name, m)),
  }));
}

/** Every cross-year relation, member by member. */
export const CROSS_YEAR_CHECKS: readonly CrossYearCheck[] = CROSS_YEAR.flatMap(crossYearMembers);

// ---------------------------------------------------------------------------------------------
// Witnesses: which identities cover a figure, and whether they hold

/** The identities (codes) covering one figure, by outcome on the figures read. */
export interface IdentityWitness {
  /** Every figure they read was read, and they hold: a second printing confirms the figure. */
  holds: string[];
  /** Every figure they read was read, and they fail: this figure or another term is wrong. */
  fails: string[];
  /** A figure they read is missing, so they confirm nothing. */
  unchecked: string[];
}

const NONE = Object.freeze([]) as unknown as string[];

/**
 * For every figure in `values`, the identities of its revision that read it. An identity defining a
 * total as its items' sum ((六) = its three items, when the items are printed and the total computed)
 * is a definition, not a witness: the identities reading that total cover its items instead. A figure
 * no identity reads (table 2) gets no entry.
 */
export function identityWitnesses(
  template: TemplateId,
  values: Readonly<Record<string, number>>,
  outcomes: IdentityOutcomes = identityOutcomes(template, values),
): Map<string, IdentityWitness> {
  const all = identityChecks(template);
  // Totals computed from their items: the items they stand for.
  const definedBy = new Map<string, string[]>();
  for (let i = 0; i < all.length; i++) {
    const check = all[i]!;
    if (check.definesTotal && outcomes[i] !== UNCHECKED) definedBy.set(check.metric, check.right);
  }
  const out = new Map<string, IdentityWitness>();
  const note = (code: string, outcome: keyof IdentityWitness, identity: string, present: boolean): void => {
    if (!present && !(code in values)) return;
    let w = out.get(code);
    // Most lists stay empty: they share one (frozen) empty list until their first identity.
    if (!w) out.set(code, (w = { holds: NONE, fails: NONE, unchecked: NONE }));
    const list = w[outcome];
    if (list === NONE) w[outcome] = [identity];
    else if (!list.includes(identity)) list.push(identity);
  };
  const definable = definableTerms(template, all);
  for (let i = 0; i < all.length; i++) {
    const check = all[i]!;
    if (check.definesTotal && definedBy.has(check.metric)) continue;
    const outcome = outcomes[i] === UNCHECKED ? "unchecked" : outcomes[i] === HOLDS ? "holds" : "fails";
    // A checked identity's terms are all present (its items too: they define a present total).
    const present = outcomes[i] !== UNCHECKED;
    const terms = check.terms;
    const mayStandForItems = definable[i]!;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k]!;
      note(term, outcome, check.code, present);
      const items = mayStandForItems[k] ? definedBy.get(term) : undefined;
      if (items) for (const item of items) note(item, outcome, check.code, false);
    }
  }
  return out;
}

const definableByTemplate = new Map<TemplateId, boolean[][]>();

/**
 * Per identity of identityChecks(template), per term: whether some identity defines the term as its
 * items' sum (only such a term can be in `definedBy` above; most are not, and are not looked up).
 */
function definableTerms(template: TemplateId, all: IdentityCheck[]): boolean[][] {
  let known = definableByTemplate.get(template);
  if (!known) {
    const totals = new Set(all.filter((check) => check.definesTotal).map((check) => check.metric));
    known = all.map((check) => check.terms.map((term) => totals.has(term)));
    definableByTemplate.set(template, known);
  }
  return known;
}
