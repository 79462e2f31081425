/** "Image sizes": the workspace's images with their size, and each one's layers mapped to its Dockerfile. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_LABEL } from '../core/build/appLaunch';
import { COMPARE_LABEL, type CompareResult, type CompareVariantKey } from '../core/dashboard/compareBuilds';
import { mapLayers } from '../core/dashboard/layers';
import { baseImageOf, finalStage, parseDockerfile } from '../core/dockerfile';
import type { DockerClient } from '../docker/client';
import { baseHistoryLength, imageHistory, listLabelledImages } from '../docker/images';
import type { AppImage, ImageLayers } from '../shared/protocol';
import type { WorkspaceApps } from './workspaceApps';

const TITLE_LABEL = 'org.opencontainers.image.title';

export async function listAppImages(client: DockerClient, workspace: WorkspaceApps): Promise<AppImage[]> {
  const names = new Set(workspace.info.apps.map((a) => a.name));
  const folderOf = (name: string) => workspace.info.apps.find((a) => a.name === name)?.root;
  const images = await listLabelledImages(client, [APP_LABEL, COMPARE_LABEL, TITLE_LABEL]);
  const out: AppImage[] = [];
  for (const image of images) {
    const labels = image.Labels ?? {};
    const app = labels[APP_LABEL] ?? labels[COMPARE_LABEL] ?? labels[TITLE_LABEL];
    // The OCI title alone is set by many images; it marks ours only when it names a workspace app.
    if (!labels[APP_LABEL] && !labels[COMPARE_LABEL] && !names.has(app)) continue;
    const folder = folderOf(app);
    const dockerfile = folder && !labels[COMPARE_LABEL] ? join(folder, 'Dockerfile') : undefined;
    out.push({
      id: image.Id,
      tags: (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      size: image.Size,
      created: image.Created * 1000,
      app,
      dockerfilePath: dockerfile && existsSync(dockerfile) ? dockerfile : undefined,
      variant: labels[`${COMPARE_LABEL}.variant`] as CompareVariantKey | undefined,
    });
  }
  // The workspace's apps first, then by app and newest first.
  return out.sort((a, b) => Number(names.has(b.app ?? '')) - Number(names.has(a.app ?? '')) || (a.app ?? '').localeCompare(b.app ?? '') || b.created - a.created);
}

/** The layers of one image, mapped to the Dockerfile that built it when Dockwright knows it. */
export async function imageLayers(client: DockerClient, image: AppImage, compareResults: Record<string, CompareResult>): Promise<ImageLayers> {
  let dockerfile: string | undefined;
  if (image.variant) {
    const tag = image.tags[0];
    dockerfile = Object.values(compareResults).flatMap((r) => r.variants).find((v) => v.tag === tag)?.dockerfile;
  } else if (image.dockerfilePath) {
    dockerfile = await readFile(image.dockerfilePath, 'utf8').catch(() => undefined);
  }
  const history = await imageHistory(client, image.id);
  const model = dockerfile === undefined ? undefined : parseDockerfile(dockerfile);
  const baseEntries = model ? await baseHistoryLength(client, baseImageOf(model, finalStage(model))?.resolved) : undefined;
  return {
    imageId: image.id, size: image.size,
    layers: mapLayers(history, model, baseEntries),
    dockerfilePath: image.variant ? undefined : image.dockerfilePath,
  };
}
