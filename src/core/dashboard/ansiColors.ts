/**
 * ANSI colors mapped onto the theme's 16 terminal colors (var(--vscode-terminal-ansi*)): the
 * dashboard uses no colors of its own, so 256-color and truecolor codes fall to the nearest one.
 */
const NAMED = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** 256-color and truecolor codes fall back to the nearest of the 16 theme colors. */
function nearestNamed(r: number, g: number, b: number): string {
  const bright = Math.max(r, g, b) > 200;
  const on = (v: number) => v > 96;
  const index = (on(r) ? 1 : 0) + (on(g) ? 2 : 0) + (on(b) ? 4 : 0);
  return `${bright ? 'bright-' : ''}${NAMED[index]}`;
}

function paletteRgb(index: number): [number, number, number] {
  if (index < 16) return [0, 0, 0];
  if (index >= 232) {
    const v = 8 + (index - 232) * 10;
    return [v, v, v];
  }
  const i = index - 16;
  const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
  return [level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6)];
}

/** anser's class ("ansi-red", "ansi-bright-red", "ansi-palette-123", "ansi-truecolor") → ours. */
export function colorClass(klass: string | null, truecolor: string | null): string | undefined {
  if (!klass) return undefined;
  if (klass === 'ansi-truecolor' && truecolor) {
    const [r, g, b] = truecolor.split(',').map(Number);
    return nearestNamed(r, g, b);
  }
  const palette = /^ansi-palette-(\d+)$/.exec(klass);
  if (palette) {
    const index = Number(palette[1]);
    if (index < 16) return `${index >= 8 ? 'bright-' : ''}${NAMED[index % 8]}`;
    return nearestNamed(...paletteRgb(index));
  }
  const named = /^ansi-((?:bright-)?[a-z]+)$/.exec(klass);
  return named ? named[1] : undefined;
}
