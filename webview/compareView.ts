/**
 * The Compare builds tab: naive vs recommended single stage vs multi-stage for one app, as a bar
 * chart of sizes and build times with the layer table of each variant under it.
 */
import type { CompareResult, CompareVariantResult } from '../src/core/dashboard/compareBuilds';
import { layerTotals } from '../src/core/dashboard/layers';
import type { CompareProgress, WorkspaceApp } from '../src/shared/protocol';
import { el, formatBytes, vscodeButton } from './dom';
import { renderLayers } from './layersTable';

export interface CompareModel {
  apps: WorkspaceApp[];
  selected?: string;
  results: Map<string, CompareResult>;
  progress: Map<string, CompareProgress>;
}

export interface CompareActions {
  select(appKey: string): void;
  run(appKey: string): void;
}

function bars(variants: CompareVariantResult[], metric: 'size' | 'time'): HTMLElement {
  const value = (v: CompareVariantResult) => (metric === 'size' ? v.sizeBytes : v.buildSeconds) ?? 0;
  const max = Math.max(1, ...variants.map(value));
  const chart = el('div', undefined, `chart chart-${metric}`);
  chart.setAttribute('role', 'img');
  const summary = variants.map((v) => `${v.title}: ${v.ok ? (metric === 'size' ? formatBytes(value(v)) : `${value(v).toFixed(1)} s`) : 'failed'}`).join('; ');
  chart.setAttribute('aria-label', `${metric === 'size' ? 'Image size' : 'Build time'}: ${summary}`);
  chart.append(el('h3', metric === 'size' ? 'Image size' : 'Build time (cold, --no-cache)'));
  for (const v of variants) {
    const row = el('div', undefined, `bar-row variant-${v.key}`);
    row.dataset.variant = v.key;
    const track = el('div', undefined, 'bar-track');
    const bar = el('div', undefined, 'bar');
    bar.style.width = v.ok || metric === 'time' ? `${Math.max(1, (value(v) / max) * 100)}%` : '0';
    track.append(bar);
    const label = !v.ok && metric === 'size' ? 'build failed'
      : metric === 'size' ? formatBytes(value(v)) : `${value(v).toFixed(1)} s`;
    row.append(el('span', v.title, 'bar-label'), track, el('span', label, 'bar-value'));
    chart.append(row);
  }
  return chart;
}

function variantDetails(v: CompareVariantResult, open: boolean): HTMLElement {
  const details = el('details', undefined, 'variant');
  details.open = open;
  const totals = v.layers ? layerTotals(v.layers) : undefined;
  const summary = el('summary');
  summary.append(el('strong', v.title), el('span', ` ${v.summary}`, 'muted'));
  if (totals) summary.append(el('span', ` base ${formatBytes(totals.base)} + added ${formatBytes(totals.dockerfile)}`, 'muted'));
  details.append(summary);
  if (!v.ok) details.append(el('pre', v.error ?? 'The build failed.', 'error-text'));
  if (v.layers) details.append(renderLayers(v.layers));
  const dockerfile = el('details', undefined, 'dockerfile');
  dockerfile.append(el('summary', 'Dockerfile'), el('pre', v.dockerfile));
  details.append(dockerfile);
  return details;
}

export function renderCompare(model: CompareModel, actions: CompareActions): HTMLElement {
  const section = el('section', undefined, 'compare');
  section.setAttribute('aria-label', 'Compare builds');
  section.append(el('h2', 'Compare builds'));
  section.append(el('p', 'Builds your app three ways and shows what each costs: the naive single stage on the full python image, ' +
    'the recommended single slim stage, and the multi-stage build that copies only the virtualenv into slim.', 'muted'));
  if (!model.apps.length) {
    section.append(el('p', 'No FastAPI or Flask app detected in this workspace.', 'muted'));
    return section;
  }
  const selected = model.selected && model.apps.some((a) => a.key === model.selected) ? model.selected : model.apps[0].key;
  const toolbar = el('div', undefined, 'toolbar');
  const select = el('select', undefined, 'app-select');
  select.setAttribute('aria-label', 'App to compare');
  for (const app of model.apps) {
    const option = el('option', `${app.name} (${app.root}, ${app.framework})`);
    option.value = app.key;
    option.selected = app.key === selected;
    select.append(option);
  }
  select.addEventListener('change', () => actions.select(select.value));
  const progress = model.progress.get(selected);
  const result = model.results.get(selected);
  const running = progress?.status === 'running';
  const run = vscodeButton(result ? 'Re-run' : 'Compare builds', 'Build the app three ways and compare them', () => actions.run(selected));
  if (running) run.setAttribute('disabled', '');
  toolbar.append(select, run);
  if (running) {
    toolbar.append(el('vscode-progress-ring'), el('span', `${progress.step} the ${progress.variant} variant…`, 'muted'));
  }
  section.append(toolbar);
  if (progress?.status === 'failed') section.append(el('p', progress.message, 'error-text'));
  if (!result) {
    if (!running) section.append(el('p', 'Not compared yet. Each build runs without the cache; expect a minute or two.', 'muted'));
    return section;
  }
  section.append(el('p', `Last run ${new Date(result.ranAt).toLocaleString()} — results are kept until you re-run.`, 'muted'));
  const charts = el('div', undefined, 'charts');
  charts.append(bars(result.variants, 'size'), bars(result.variants, 'time'));
  section.append(charts);
  result.variants.forEach((v, i) => section.append(variantDetails(v, i === result.variants.length - 1)));
  return section;
}
