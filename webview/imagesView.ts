/** The Images tab: the workspace's images with their sizes; a click shows the layers. */
import type { LayerRow } from '../src/core/dashboard/layers';
import type { AppImage } from '../src/shared/protocol';
import { button, el, formatBytes, vscodeButton } from './dom';
import { renderLayers } from './layersTable';

export interface ImagesModel {
  images: AppImage[];
  selected?: string;
  layers?: { imageId: string; layers: LayerRow[]; dockerfilePath?: string; error?: string };
}

export interface ImagesActions {
  refresh(): void;
  select(imageId: string): void;
  openLine(path: string, line: number): void;
}

export function renderImages(model: ImagesModel, actions: ImagesActions): HTMLElement {
  const section = el('section', undefined, 'images');
  section.setAttribute('aria-label', 'Image sizes');
  const heading = el('div', undefined, 'logs-heading');
  heading.append(el('h2', 'Images of this workspace\'s apps'), vscodeButton('Refresh', 'List the images again', actions.refresh, true));
  section.append(heading);
  if (!model.images.length) {
    section.append(el('p', 'No images yet. Build & Run an app, or Compare builds, and its images appear here with their layers.', 'muted'));
    return section;
  }
  const table = el('table', undefined, 'grid');
  const head = el('tr');
  for (const title of ['Image', 'App', 'Size', 'Created', '']) head.append(el('th', title));
  table.append(el('thead'));
  table.tHead?.append(head);
  const body = el('tbody');
  for (const image of model.images) {
    const tr = el('tr', undefined, image.id === model.selected ? 'selected' : '');
    tr.dataset.id = image.id;
    tr.append(
      el('td', image.tags[0] ?? image.id.replace('sha256:', '').slice(0, 12), 'name'),
      el('td', `${image.app ?? ''}${image.variant ? ` (${image.variant})` : ''}`),
      el('td', formatBytes(image.size), 'num'),
      el('td', new Date(image.created).toLocaleString()),
    );
    const cell = el('td', undefined, 'actions');
    cell.append(button('Layers', `Show the layers of ${image.tags[0] ?? image.id}`, () => actions.select(image.id)));
    tr.append(cell);
    body.append(tr);
  }
  table.append(body);
  section.append(table);
  const layers = model.layers;
  if (layers && layers.imageId === model.selected) {
    const image = model.images.find((i) => i.id === layers.imageId);
    section.append(el('h3', `Layers of ${image?.tags[0] ?? layers.imageId.slice(7, 19)}`));
    if (layers.error) section.append(el('p', layers.error, 'error-text'));
    else {
      if (!layers.dockerfilePath && !image?.variant) section.append(el('p', 'Dockwright does not know which Dockerfile built this image, so layers are not mapped to lines.', 'muted'));
      const path = layers.dockerfilePath;
      section.append(renderLayers(layers.layers, path ? (line) => actions.openLine(path, line) : undefined));
    }
  }
  return section;
}
