import { unifiedDiff } from '../text/unifiedDiff';
// Not from './index': containerize imports this at activation, and the generator (mustache, yaml) loads later.
import { mergeDockerignore } from './dockerignore';
import { gitignoreWithEnv, mergeEnvFile } from './envFiles';
import { mergeRootCompose } from './rootCompose';
import type { PlannedFile } from './index';

/** What a plan writes: its files, then the files around them (the Docker plan's env files). */
export interface FilesToWrite {
  files: readonly PlannedFile[];
  extraFiles?: readonly PlannedFile[];
}

/** Every file a plan writes, in order: the three the templates make, then the env files. */
export function plannedFiles(plan: FilesToWrite): PlannedFile[] {
  return [...plan.files, ...(plan.extraFiles ?? [])];
}

/** What happens to one target file. */
export type FileDecision = 'create' | 'unchanged' | 'replace' | 'merge' | 'keep';

export interface FileChange {
  file: PlannedFile;
  /** Current content, or null when the file does not exist. */
  current: string | null;
  /** What would be written if the person agrees; for .dockerignore, the merge of both. */
  proposed: string;
  /** The decisions that make sense for this file, the default first. */
  choices: FileDecision[];
  diff: string;
}

/**
 * Compares the generated files with what is on disk. New files are created; identical ones are
 * left alone; an existing file is never replaced unless the person chooses to (Replace / Keep),
 * and an existing .dockerignore can also be merged (its lines kept, the missing ones appended).
 */
export function compareWithExisting(plan: FilesToWrite, existing: (path: string) => string | null): FileChange[] {
  return plannedFiles(plan).map((file): FileChange => {
    const current = existing(file.path);
    if (current === null) {
      return { file, current, proposed: file.content, choices: ['create'], diff: unifiedDiff(file.path, null, file.content) };
    }
    if (current === file.content) return { file, current, proposed: current, choices: ['unchanged'], diff: '' };
    if (file.kind === 'root-compose') {
      // The repository's compose file keeps everything it has; only this app's services are added.
      const merged = mergeRootCompose(current, file.content);
      if (merged === current) return { file, current, proposed: current, choices: ['unchanged'], diff: '' };
      return { file, current, proposed: merged, choices: ['merge', 'keep'], diff: unifiedDiff(file.path, current, merged) };
    }
    if (file.kind === 'env' || file.kind === 'env-example' || file.kind === 'gitignore') {
      // The person's values and lines stay; only what is missing is appended. Never replaced.
      const merged = file.kind === 'gitignore' ? gitignoreWithEnv(current) : mergeEnvFile(current, file.content, file.kind === 'env-example');
      if (merged === current) return { file, current, proposed: current, choices: ['unchanged'], diff: '' };
      return { file, current, proposed: merged, choices: ['merge', 'keep'], diff: unifiedDiff(file.path, current, merged) };
    }
    if (file.kind === 'dockerignore') {
      const merged = mergeDockerignore(current, file.content);
      if (merged === current) return { file, current, proposed: current, choices: ['unchanged'], diff: '' };
      return { file, current, proposed: merged, choices: ['merge', 'replace', 'keep'], diff: unifiedDiff(file.path, current, merged) };
    }
    return { file, current, proposed: file.content, choices: ['keep', 'replace'], diff: unifiedDiff(file.path, current, file.content) };
  });
}

/** The content to write for a decision, or null when the file stays as it is. */
export function contentFor(change: FileChange, decision: FileDecision): string | null {
  switch (decision) {
    case 'create':
    case 'replace':
      return change.file.content;
    case 'merge':
      return change.proposed;
    case 'unchanged':
    case 'keep':
      return null;
  }
}
