// Cuts a stretch of the token stream into value groups (the figures of one row, as printed) and
// the labels around them. A group ends at any text, and in a table at the end of the row; in copied-out
// text, consecutive number-only lines form one group (one cell per line). Labels broken over several
// lines are recognised by joining a fragment with the ones before it.
import type { GroupItem } from "./readings.js";
import type { UnreadCell } from "./unread.js";
import type { LabelMatch, LabelMatcher } from "./matcher.js";
import type { TextToken, Token } from "./stream.js";

export interface LabelEvent {
  match: LabelMatch;
  row: number;
  /** Token index of the text the label ended in. */
  index: number;
}

export interface Group {
  items: GroupItem[];
  /** From a table row (blanks present, one row = one group). */
  grid: boolean;
  /** From a table (possibly a one-cell row) rather than lines of text. */
  table: boolean;
  /** From a table whose columns the front-end rebuilt from text: blank cells may be misplaced. */
  inferred: boolean;
  /** The label printed on the same row (same table row or same text line) before the figures. */
  inRow: LabelMatch | null;
  /** Labels seen since the previous group, in order. */
  preceding: LabelMatch[];
  /** The group's own table row has text before the figures that is not a recognised label. */
  unreadLabel: boolean;
  /**
   * Places of the row's cells OCR could not read (UnreadToken), as indexes among the row's cells
   * (items and unread cells together, in printed order); absent when there are none.
   */
  unread?: UnreadCell[];
  /** Index of the group's first token. */
  start: number;
  /** Index after the group's last token. */
  end: number;
}

const MAX_JOINED_FRAGMENTS = 4;

export interface GroupScan {
  groups: Group[];
  labels: LabelEvent[];
}

/** Groups and labels of tokens [from, to), labels matched with `matcher`. */
export function scanGroups(
  tokens: Token[],
  from: number,
  to: number,
  matcher: LabelMatcher,
  options: { minBlankRow: number },
): GroupScan {
  const groups: Group[] = [];
  const labels: LabelEvent[] = [];
  let pending: LabelMatch[] = [];
  let fragments: TextToken[] = [];
  let current: Group | null = null;
  let currentRow = -1;
  let lastText = -1;

  const flush = () => {
    if (current && current.items.some((i) => i.kind === "num")) groups.push(current);
    // A row of blank cells only (all zero) counts when it is as wide as the row should be (its
    // unread cells too: they have a place).
    else if (
      current &&
      current.items.length > 0 &&
      current.items.length + (current.unread?.length ?? 0) >= options.minBlankRow
    )
      groups.push(current);
    current = null;
  };

  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === "text") {
      flush();
      lastText = i;
      const match = matchWithFragments(matcher, fragments, token);
      if (match) {
        labels.push({ match, row: token.row, index: i });
        pending.push(match);
        fragments = [];
      } else {
        fragments.push(token);
        if (fragments.length > MAX_JOINED_FRAGMENTS) fragments.shift();
      }
      continue;
    }
    // (An unread cell was once dropped from the stream: it leaves a label's fragments as they are.)
    if (token.kind !== "unread") fragments = [];
    const continues =
      current !== null &&
      (token.grid ? current.grid && currentRow === token.row : !current.grid && token.kind === "num");
    if (!continues) {
      flush();
      if ((token.kind === "blank" || token.kind === "unread") && !sameRowLabel(labels, token.row)) {
        // A blank cell only matters on a row that carries a label or figures.
        // …or, as a row of blank cells only (all zero), when it is as wide as a value row.
        if (
          !rowHasNumber(tokens, i, to, token.row) &&
          blankRowWidth(tokens, i, to, token.row) < options.minBlankRow
        ) {
          continue;
        }
      }
      // The row's own label is the text right before its figures; an unrecognised fragment there
      // ("1.申请人无正当理由" with the rest of the label on the next line) means the label is unknown.
      const last = labels[labels.length - 1];
      const inRow = last && last.row === token.row && last.index === lastText ? last.match : null;
      const unreadLabel = !inRow && token.grid && lastText >= 0 && tokens[lastText]!.row === token.row;
      current = {
        items: [],
        grid: token.grid,
        table: token.table,
        inferred: token.inferred === true,
        inRow,
        preceding: pending,
        unreadLabel,
        start: i,
        end: i + 1,
      };
      pending = [];
    }
    currentRow = token.row;
    current!.end = i + 1;
    if (token.kind === "unread") {
      (current!.unread ??= []).push({ slot: current!.items.length + current!.unread.length, loc: token.loc });
      continue;
    }
    current!.items.push(
      token.kind === "num"
        ? { kind: "num", num: token.num, loc: token.loc, row: token.row }
        : { kind: "blank", loc: token.loc, row: token.row },
    );
  }
  flush();
  return { groups, labels };
}

function sameRowLabel(labels: LabelEvent[], row: number): boolean {
  const last = labels[labels.length - 1];
  return last !== undefined && last.row === row;
}

/**
 * Number of cells of a row made of blank cells only (0 when it holds any text or number); cells OCR
 * could not read count, as places.
 */
function blankRowWidth(tokens: Token[], from: number, to: number, row: number): number {
  let width = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.row !== row) break;
    if (t.kind !== "blank" && t.kind !== "unread") return 0;
    width++;
  }
  return width;
}

function rowHasNumber(tokens: Token[], from: number, to: number, row: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.row !== row) return false;
    if (t.kind === "num") return true;
  }
  return false;
}

/** Tries the text alone, then joined with up to MAX_JOINED_FRAGMENTS unmatched fragments before it. */
function matchWithFragments(
  matcher: LabelMatcher,
  fragments: TextToken[],
  token: TextToken,
): LabelMatch | null {
  const alone = matcher.match(token.norm, false);
  if (alone) return alone;
  let joined = token.norm;
  const candidates: string[] = [];
  for (let k = fragments.length - 1; k >= 0; k--) {
    joined = fragments[k]!.norm + joined;
    candidates.push(joined);
    const exact = matcher.match(joined, false);
    // A joined match must use the earlier fragment, not just re-find a suffix of the current text.
    if (exact && exact.length > token.norm.length) return exact;
  }
  const fuzzy = matcher.match(token.norm, true);
  if (fuzzy) return fuzzy;
  for (const text of candidates) {
    const m = matcher.match(text, true);
    if (m && m.length > token.norm.length) return m;
  }
  return null;
}
