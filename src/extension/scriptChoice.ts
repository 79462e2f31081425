import * as vscode from 'vscode';
import { appsAtPath } from '../core/detect/appsAtPath';
import type { PlainScript } from '../core/detect/types';

/** The scripts that belong to what was clicked: the script itself, else those of the project it is in or holds. */
export function scriptsAtPath(scripts: PlainScript[], within: string): PlainScript[] {
  const clicked = scripts.filter((s) => s.file === within);
  return clicked.length ? clicked : appsAtPath(scripts, within);
}

/**
 * With no web app, the plain script to containerize: the one asked for, the only one once the
 * person confirms (a folder of scripts is not what they may expect), or the person's pick.
 */
export async function chooseScript(scripts: PlainScript[], options: { script?: string; confirm?: boolean }): Promise<PlainScript | undefined> {
  if (options.script !== undefined) {
    const script = scripts.find((s) => s.file === options.script);
    if (!script) throw new Error(`no script ${options.script}; found ${scripts.map((s) => s.file).join(', ')}`);
    return script;
  }
  if (scripts.length === 1) {
    const [script] = scripts;
    if (options.confirm) return script;
    const answer = await vscode.window.showInformationMessage(
      `No web app found; containerize the script ${script.file} (${script.command})?`,
      { modal: true, detail: 'The Dockerfile runs the script once and exits: no port, no healthcheck, no compose file.' }, 'Containerize');
    return answer === 'Containerize' ? script : undefined;
  }
  const picked = await vscode.window.showQuickPick(
    scripts.map((script) => ({
      label: script.file, description: script.command,
      detail: `${script.packageManager} · ${script.dependencyFiles.join(', ') || 'standard library only'}`, script,
    })),
    { placeHolder: 'No web app found: which Python script should the Dockerfile run?', ignoreFocusOut: true },
  );
  return picked?.script;
}
