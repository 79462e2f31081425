/** A table of an image's layers: size as a bar, the Dockerfile line that made each one. */
import type { LayerRow } from '../src/core/dashboard/layers';
import { button, el, formatBytes } from './dom';

export function renderLayers(layers: readonly LayerRow[], openLine?: (line: number) => void): HTMLElement {
  const table = el('table', undefined, 'grid layers');
  const head = el('tr');
  for (const title of ['Size', '', 'Dockerfile line', 'Recorded as']) head.append(el('th', title));
  table.append(el('thead'));
  table.tHead?.append(head);
  const body = el('tbody');
  const largest = Math.max(1, ...layers.map((l) => l.size));
  for (const layer of layers) {
    const tr = el('tr', undefined, layer.origin === 'base' ? 'base' : 'own');
    const bar = el('div', undefined, 'size-bar');
    bar.style.width = `${Math.max(layer.size ? 2 : 0, Math.round((layer.size / largest) * 100))}%`;
    const barCell = el('td', undefined, 'bar-cell');
    barCell.append(bar);
    const lineCell = el('td', undefined, 'source');
    if (layer.origin === 'base') lineCell.append(el('span', 'base image', 'muted'));
    else if (layer.line !== undefined) {
      const text = `${layer.line}: ${layer.source ?? layer.instruction}`;
      const line = layer.line;
      lineCell.append(openLine ? button(text, `Open the Dockerfile at line ${line}`, () => openLine(line), 'link') : el('code', text));
    }
    tr.append(el('td', formatBytes(layer.size), 'num'), barCell, lineCell, el('td', layer.createdBy, 'created-by'));
    body.append(tr);
  }
  table.append(body);
  return table;
}
