import { classifyEnv } from '../knowledge/envPurposes';
import type { ModuleIndex } from './modules';
import type { ProjectFiles } from './projectFiles';
import type { ClassFact, SettingsConfig, SettingsField } from './python/envReads';
import type { ModuleFacts } from './python/moduleFacts';
import type { EnvVar } from './types';

/** The pydantic base classes of settings: v1 in `pydantic`, v2 in `pydantic_settings`. */
const SETTINGS_BASES: Record<string, 1 | 2> = {
  'pydantic.BaseSettings': 1, 'pydantic.env_settings.BaseSettings': 1, 'pydantic.v1.BaseSettings': 1,
  'pydantic_settings.BaseSettings': 2, 'pydantic_settings.main.BaseSettings': 2,
};
const MAX_BASES = 10;

interface Located {
  file: string;
  cls: ClassFact;
}

interface Found {
  name: string;
  required: boolean;
  file: string;
  line: number;
  annotation: string | null;
  fallback: string | null;
}

/**
 * Every environment variable an app's project reads, each once: plain lookups in its modules,
 * the fields of its pydantic settings classes (with their prefix, aliases and inherited fields),
 * and the `%(ENV_X)s` references of supervisord programs that start it.
 */
export async function readEnvironment(
  modules: readonly [string, ModuleFacts][], owns: (file: string) => boolean, index: ModuleIndex, files: ProjectFiles, root: string,
): Promise<EnvVar[]> {
  const found: Found[] = [];
  const mine = modules.filter(([file, facts]) => owns(file) && facts.env);
  for (const [file, facts] of mine) {
    for (const read of facts.env?.reads ?? []) found.push({ ...read, file, annotation: null });
  }
  const settings = new SettingsClasses(index);
  for (const [file, facts] of mine) {
    for (const cls of facts.env?.classes ?? []) {
      const version = await settings.version({ file, cls });
      if (!version) continue;
      const { fields, config } = await settings.effective({ file, cls });
      for (const { field, file: at } of fields) {
        const name = field.alias ?? `${config.envPrefix ?? ''}${field.name}`;
        const required = !field.hasDefault && !(version === 1 && field.optional);
        found.push({ name: config.caseSensitive ? name : name.toUpperCase(), required, file: at, line: field.line, annotation: field.annotation, fallback: field.fallback });
      }
    }
  }
  found.push(...await supervisorVariables(files, root, owns));
  return merge(found);
}

/** One entry per name: required when any read requires it, located where it is required (or first read). */
function merge(found: Found[]): EnvVar[] {
  const byName = new Map<string, Found[]>();
  for (const f of found) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const out: EnvVar[] = [];
  for (const [name, reads] of byName) {
    reads.sort((a, b) => Number(b.required) - Number(a.required) || a.file.localeCompare(b.file) || a.line - b.line);
    const first = reads[0];
    const annotation = reads.find((r) => r.annotation)?.annotation ?? null;
    const fallback = reads.find((r) => r.fallback)?.fallback ?? null;
    const { purpose, secret } = classifyEnv(name, annotation, fallback);
    out.push({ name, required: first.required, secret, purpose, file: first.file, line: first.line });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.name.localeCompare(b.name));
}

/** Classes across the project's modules, with their bases followed through imports. */
class SettingsClasses {
  constructor(private readonly index: ModuleIndex) {}

  /** The pydantic version a class's settings follow, or null when it is not a settings class. */
  async version(at: Located, depth = 0): Promise<1 | 2 | null> {
    if (depth > MAX_BASES) return null;
    for (const base of at.cls.bases) {
      const known = SETTINGS_BASES[base.join('.')];
      if (known) return known;
      const parent = await this.resolve(at.file, base);
      const version = parent && (await this.version(parent, depth + 1));
      if (version) return version;
    }
    return null;
  }

  /** Fields from the bases first, the class's own overriding them; the nearest Config wins. */
  async effective(at: Located, depth = 0): Promise<{ fields: { field: SettingsField; file: string }[]; config: SettingsConfig }> {
    const fields = new Map<string, { field: SettingsField; file: string }>();
    let config: SettingsConfig = {};
    if (depth <= MAX_BASES) {
      for (const base of [...at.cls.bases].reverse()) {
        const parent = await this.resolve(at.file, base);
        if (!parent) continue;
        const inherited = await this.effective(parent, depth + 1);
        for (const f of inherited.fields) fields.set(f.field.name, f);
        config = { ...config, ...inherited.config };
      }
    }
    for (const field of at.cls.fields) fields.set(field.name, { field, file: at.file });
    return { fields: [...fields.values()], config: { ...config, ...at.cls.config } };
  }

  /** The class a base names: one in the same module, or one imported (`from .base import X`, `base.X`). */
  private async resolve(file: string, base: string[]): Promise<Located | null> {
    const facts = await this.index.factsOf(file);
    if (!facts) return null;
    const [head, ...rest] = base;
    const binding = facts.imports.get(head);
    let module: string | null;
    let name: string;
    if (base.length === 1 && !binding) {
      module = file;
      name = head;
    } else if (binding && binding.level > 0) {
      // Relative imports are not qualified: `from .base import X` → X, `from . import base` → base.X.
      const path = [binding.module, ...(rest.length ? [binding.name] : []), ...rest.slice(0, -1)].filter(Boolean).join('.');
      module = this.index.resolveModule(file, path, binding.level);
      name = rest.length ? rest[rest.length - 1] : (binding.name ?? head);
    } else {
      module = base.length > 1 ? this.index.resolveModule(file, base.slice(0, -1).join('.'), 0) : null;
      name = base[base.length - 1];
    }
    const target = module ? await this.index.factsOf(module) : null;
    const cls = target?.env?.classes.find((c) => c.name === name);
    return module && cls ? { file: module, cls } : null;
  }
}

const SUPERVISOR_ENV = /%\(ENV_(\w+)\)s/g;

/** supervisord refuses to start a program whose `%(ENV_X)s` is unset, so each is required. */
async function supervisorVariables(files: ProjectFiles, root: string, owns: (file: string) => boolean): Promise<Found[]> {
  const out: Found[] = [];
  const prefix = root ? `${root}/` : '';
  for (const file of files.endingWith('.conf')) {
    if (!file.startsWith(prefix) || !owns(file)) continue;
    const text = await files.text(file, { quiet: true });
    if (!text || !/^\s*\[(?:program:|supervisord\])/m.test(text)) continue;
    text.split(/\r?\n/).forEach((line, i) => {
      if (/^\s*[;#]/.test(line)) return;
      for (const match of line.matchAll(SUPERVISOR_ENV)) out.push({ name: match[1], required: true, file, line: i + 1, annotation: null, fallback: null });
    });
  }
  return out;
}
