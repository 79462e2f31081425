import { readText, readTextNow } from './readText';
import type { DetectWarning, FileView } from './types';
import type { WalkResult } from './walk';

/**
 * The walked tree with cached text reads: each file is read at most once, and the reason a file
 * was skipped becomes a warning (once).
 */
export class ProjectFiles {
  readonly warnings: DetectWarning[] = [];
  private readonly texts = new Map<string, Promise<string | null>>();
  /** Texts read at once (readFileNow), kept without a promise each until someone awaits one. */
  private readonly textsNow = new Map<string, string | null>();
  private readonly fileSet: Set<string>;
  private readonly bySuffix = new Map<string, readonly string[]>();

  constructor(private readonly view: FileView, readonly walk: WalkResult, private readonly maxBytes: number) {
    this.fileSet = new Set(walk.files);
  }

  has(path: string): boolean {
    return this.fileSet.has(path);
  }

  /** Files directly inside a folder. */
  filesIn(folder: string): readonly string[] {
    return this.walk.byFolder.get(folder) ?? [];
  }

  /** Files whose path ends with `suffix` (`.py`, `package.json`), in walk order; the tree is scanned once per suffix. */
  endingWith(suffix: string): readonly string[] {
    let found = this.bySuffix.get(suffix);
    if (!found) {
      found = this.walk.files.filter((f) => f.endsWith(suffix));
      this.bySuffix.set(suffix, found);
    }
    return found;
  }

  /**
   * Files of a folder inside one the walk skips (`.github/workflows`), or none when it is not there.
   * Only folders known to exist are listed (the hidden one the walk saw, then each one below it
   * found in its parent): listing a missing folder is an error in VS Code's log.
   */
  async hiddenFiles(folder: string): Promise<string[]> {
    const parts = folder.split('/');
    const top = parts.findIndex((_, i) => this.walk.hidden.has(parts.slice(0, i + 1).join('/')));
    if (top < 0) return [];
    try {
      let current = parts.slice(0, top + 1).join('/');
      for (const part of parts.slice(top + 1)) {
        if (!(await this.view.readDir(current)).some((e) => e.name === part && e.kind === 'directory')) return [];
        current = `${current}/${part}`;
      }
      return (await this.view.readDir(current)).filter((e) => e.kind === 'file').map((e) => `${current}/${e.name}`);
    } catch {
      return [];
    }
  }

  /**
   * The text of a file, or null when it cannot be used as text, with a warning saying why unless
   * `quiet` (the caller then explains it better).
   */
  text(path: string, { quiet = false } = {}): Promise<string | null> {
    let pending = this.texts.get(path);
    if (!pending) {
      const now = this.textsNow.get(path);
      pending = now !== undefined ? Promise.resolve(now) : readText(this.view, path, this.maxBytes, quiet ? null : this.warnings);
      this.texts.set(path, pending);
    }
    return pending;
  }

  /**
   * The text of a file as `text` gives it (warning included), without waiting, when the view reads
   * at once; undefined when it does not, or when the file is already being read (then await `text`).
   */
  textNow(path: string): string | null | undefined {
    if (this.texts.has(path)) return undefined;
    let now = this.textsNow.get(path);
    if (now === undefined) {
      now = readTextNow(this.view, path, this.maxBytes, this.warnings);
      if (now !== undefined) this.textsNow.set(path, now);
    }
    return now;
  }
}
