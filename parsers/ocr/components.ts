// Connected pieces of a picture's set pixels, each with its box and pixels (in the order a
// depth-first fill meets them): the glyphs of a cell, the marks beside a figure, ink on a title page.

export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  pixels: number[];
}

/** Connected regions of set pixels: 8-connected (ink), or 4-connected with `fourWay` (white around ink). */
export function findComponents(mask: Uint8Array, w: number, h: number, fourWay = false): Component[] {
  const seen = new Uint8Array(w * h);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const c: Component = { x0: w, y0: h, x1: 0, y1: 0, area: 0, pixels: [] };
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      c.pixels.push(p);
      c.area++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if (fourWay && dx !== 0 && dy !== 0) continue;
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const q = yy * w + xx;
          if (mask[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
    }
    out.push(c);
  }
  return out;
}
