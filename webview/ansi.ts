/**
 * ANSI colors in log lines, parsed by a library (anser) and rendered as spans whose text is set
 * with textContent, so a log line can never become markup. Colors come from the theme's
 * terminal palette (var(--vscode-terminal-ansi*)) through the classes in dashboard.css.
 */
import Anser from 'anser';
import { colorClass } from '../src/core/dashboard/ansiColors';

export function renderAnsi(text: string, into: HTMLElement): void {
  // Fast path: most lines have no escape at all.
  if (!text.includes('\u001b')) {
    into.textContent = text;
    return;
  }
  const parts = Anser.ansiToJson(text, { json: true, remove_empty: true, use_classes: true });
  for (const part of parts) {
    const span = document.createElement('span');
    span.textContent = part.content;
    const fg = colorClass(part.fg, part.fg_truecolor);
    const bg = colorClass(part.bg, part.bg_truecolor);
    if (fg) span.classList.add(`fg-${fg}`);
    if (bg) span.classList.add(`bg-${bg}`);
    for (const decoration of part.decorations ?? []) span.classList.add(`ansi-${decoration}`);
    into.append(span);
  }
}
