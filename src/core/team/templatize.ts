/**
 * "Save as Team Template" from a person's own files: the values that belong to this app (its
 * entry, port, Python version, the install step, ...) become template variables, everything else
 * stays as written. Rendering the result for the same app gives back the file byte for byte.
 */
import { memberDockerignore } from '../generate/dockerignore';
import { renderTemplate } from '../generate/render';
import type { GeneratedKind } from '../generate/templates';
import type { TemplateView } from '../generate/view';

interface Substitution {
  /** The text as it appears in the file. */
  value: string;
  tag: string;
  /** Short values are replaced only as whole words, never inside another word or number. */
  wholeWord: boolean;
  /** Only where a line starts (a section tag must stand on its own line). */
  lineStart?: boolean;
}

type Segment = { text: string; tag: boolean };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function substitutions(view: TemplateView, kind: GeneratedKind): Substitution[] {
  const exact = (value: string, tag: string): Substitution => ({ value, tag, wholeWord: false });
  const word = (value: string | number, tag: string): Substitution => ({ value: String(value), tag, wholeWord: true });
  const shared = [exact(view.app.entry, '{{app.entry}}'), word(view.app.port, '{{app.port}}')];
  switch (kind) {
    case 'dockerfile':
      return [
        ...(view.build.workspace ? [exact(`COPY ${view.build.code} .`, 'COPY {{build.code}} .')] : []),
        exact(view.instructions.healthcheck, '{{instructions.healthcheck}}'),
        exact(view.instructions.label, '{{instructions.label}}'),
        exact(view.dependencies.install, '{{dependencies.install}}'),
        // A line-wise block: the section renders one COPY per line, as the file has them.
        { ...exact(`${view.dependencies.copy.join('\n')}\n`, '{{#dependencies.copy}}\n{{.}}\n{{/dependencies.copy}}\n'), lineStart: true },
        exact(view.server.exec, '{{server.exec}}'),
        exact(view.dependencies.why, '{{dependencies.why}}'),
        exact(view.image.runtime, '{{image.runtime}}'),
        exact(view.image.build, '{{image.build}}'),
        exact(view.healthcheck.url, '{{healthcheck.url}}'),
        ...shared,
        word(view.python.version, '{{python.version}}'),
        word(view.uid, '{{uid}}'),
      ];
    case 'compose':
      return [
        // Only a workspace member names its Dockerfile: the line stays in a section, so other apps get none.
        ...(view.build.dockerfile ? [{ ...exact(`      dockerfile: ${view.build.dockerfile}\n`, '{{#build.hasDockerfile}}\n      dockerfile: {{build.dockerfile}}\n{{/build.hasDockerfile}}\n'), lineStart: true }] : []),
        ...(view.build.workspace ? [exact(`context: ${view.build.context}\n`, 'context: {{build.context}}\n')] : []),
        exact(view.compose.devCommand, '{{compose.devCommand}}'),
        exact(view.compose.ports, '{{compose.ports}}'),
        exact(view.compose.image, '{{compose.image}}'),
        ...shared,
      ];
    case 'dockerignore':
      return [];
  }
}

function replaceIn(segments: Segment[], sub: Substitution): Segment[] {
  const pattern = sub.wholeWord
    ? new RegExp(`(?<![\\w.-])${escapeRegExp(sub.value)}(?![\\w]|\\.\\d)`, 'g')
    : new RegExp(`${sub.lineStart ? '(?<![^\\n])' : ''}${escapeRegExp(sub.value)}`, 'g');
  return segments.flatMap((segment) => {
    if (segment.tag) return [segment];
    const out: Segment[] = [];
    let last = 0;
    for (const match of segment.text.matchAll(pattern)) {
      out.push({ text: segment.text.slice(last, match.index), tag: false }, { text: sub.tag, tag: true });
      last = match.index + match[0].length;
    }
    out.push({ text: segment.text.slice(last), tag: false });
    return out;
  });
}

/** The file as a template for this kind, or why it cannot be one. */
export function templatize(text: string, view: TemplateView, kind: GeneratedKind): { template: string } | { error: string } {
  if (text.includes('{{')) return { error: 'it contains "{{", which a Mustache template would read as a tag' };
  // A workspace member's ignore file is the template's rules rebased onto the member: undo that first.
  if (kind === 'dockerignore' && view.build.workspace) text = memberDockerignore(text, view.build.code);
  const subs = substitutions(view, kind).filter((s) => s.value.length > 0).sort((a, b) => b.value.length - a.value.length);
  let segments: Segment[] = [{ text, tag: false }];
  for (const sub of subs) segments = replaceIn(segments, sub);
  const template = segments.map((s) => s.text).join('');
  // The guarantee: the template gives back this very file for this app.
  if (renderTemplate(template, view) !== text) return { error: 'the template would not give back the same file' };
  return { template };
}
