/** Small DOM helpers. Everything that came from the daemon goes in as text, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K];
export function el(tag: string, text?: string, className?: string): HTMLElement;
export function el(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A native button (cheap enough for hundreds of rows), labelled for screen readers. */
export function button(text: string, label: string, onClick: () => void, className = 'action'): HTMLButtonElement {
  const b = el('button', text, className);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.title = label;
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

/** A vscode-elements button. */
export function vscodeButton(text: string, label: string, onClick: () => void, secondary = false): HTMLElement {
  const b = el('vscode-button', text);
  b.setAttribute('aria-label', label);
  if (secondary) b.setAttribute('secondary', '');
  b.addEventListener('click', onClick);
  return b;
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const box = el('vscode-checkbox') as HTMLElement & { checked: boolean };
  box.setAttribute('label', label);
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  return box;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
