/**
 * "Compare builds": builds one app three ways (core/dashboard/compareBuilds describes them) through
 * the docker CLI, measures size and build time, maps each image's layers to its Dockerfile, and
 * keeps the results in the workspace state so they survive a reload and can be re-run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import {
  COMPARE_LABEL, compareBuildError, compareTag, compareVariants, type CompareResult, type CompareVariantKey, type CompareVariantResult,
} from '../core/dashboard/compareBuilds';
import { mapLayers } from '../core/dashboard/layers';
import { baseImageOf, finalStage, parseDockerfile } from '../core/dockerfile';
import type { AppFacts } from '../core/generate';
import { runBuild } from '../docker/buildRunner';
import { DockerClient, DockerError } from '../docker/client';
import { baseHistoryLength, imageHistory, imageSize } from '../docker/images';
import type { DashboardSettings } from './services';

const STATE_KEY = 'dockwright.compareResults';

export interface CompareTarget {
  key: string;
  /** The app's folder on disk: the build context. */
  folder: string;
  facts: AppFacts;
  name: string;
}

export class CompareService {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly state: vscode.Memento, private readonly settings: DashboardSettings) {}

  results(): Record<string, CompareResult> {
    return this.state.get<Record<string, CompareResult>>(STATE_KEY, {});
  }

  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  async run(target: CompareTarget, onStep: (variant: CompareVariantKey, step: string) => void, signal?: AbortSignal): Promise<CompareResult> {
    if (this.running.has(target.key)) throw new Error(`A comparison of ${target.name} is already running.`);
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    this.running.set(target.key, controller);
    const dir = await mkdtemp(join(tmpdir(), 'dockwright-compare-'));
    try {
      const settings = this.settings.readSettings();
      const env = this.settings.dockerEnvironment();
      const client = new DockerClient(Math.max(settings.requestTimeoutMs, 15_000), env);
      const variants: CompareVariantResult[] = [];
      for (const plan of compareVariants(target.facts, this.settings.readGenerateSettings())) {
        if (controller.signal.aborted) break;
        const tag = compareTag(target.name, plan.key);
        const dockerfile = join(dir, `${plan.key}.Dockerfile`);
        await writeFile(dockerfile, plan.dockerfile);
        // BuildKit reads <Dockerfile>.dockerignore first: the generated one, unless the app has its own.
        const ownIgnore = join(target.folder, '.dockerignore');
        const generatedIgnore = plan.dockerignore && !existsSync(ownIgnore) ? plan.dockerignore : undefined;
        if (generatedIgnore) await writeFile(`${dockerfile}.dockerignore`, generatedIgnore);
        onStep(plan.key, 'building');
        const started = process.hrtime.bigint();
        const build = await runBuild({
          context: target.folder, dockerfile, tags: [tag], noCache: true,
          labels: { [COMPARE_LABEL]: target.name, [`${COMPARE_LABEL}.variant`]: plan.key, [`${COMPARE_LABEL}.app`]: target.key },
        }, { dockerPath: settings.dockerPath, env, signal: controller.signal });
        const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
        const base = { key: plan.key, title: plan.title, summary: plan.summary, tag, dockerfile: plan.dockerfile, buildSeconds };
        if (build.exitCode !== 0) {
          const dockerignore = generatedIgnore ?? await readFile(ownIgnore, 'utf8').catch(() => undefined);
          variants.push({ ...base, ok: false, error: build.cancelled ? 'Cancelled.' : compareBuildError(build.output, { dockerignore }) });
          continue;
        }
        onStep(plan.key, 'measuring');
        try {
          const model = parseDockerfile(plan.dockerfile);
          const [sizeBytes, history, baseEntries] = await Promise.all([
            imageSize(client, tag), imageHistory(client, tag), baseHistoryLength(client, baseImageOf(model, finalStage(model))?.resolved),
          ]);
          variants.push({ ...base, ok: true, sizeBytes, layers: mapLayers(history, model, baseEntries) });
        } catch (err) {
          variants.push({ ...base, ok: false, error: err instanceof DockerError ? `${err.failure.message} ${err.failure.fix}` : String(err) });
        }
      }
      const result: CompareResult = { appRoot: target.facts.root, appName: target.name, ranAt: new Date().toISOString(), variants };
      await this.state.update(STATE_KEY, { ...this.results(), [target.key]: result });
      return result;
    } finally {
      this.running.delete(target.key);
      await rm(dir, { recursive: true, force: true });
    }
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
