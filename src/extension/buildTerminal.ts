import * as vscode from 'vscode';

/**
 * A terminal fed with a build's output as it arrives, so the person reads BuildKit's own log.
 * A Pseudoterminal shows nothing written before it opened, and nothing once the person closes
 * it, so everything is kept: reveal() reopens a closed terminal with the whole transcript.
 */
export class BuildTerminal implements vscode.Disposable {
  private transcript = '';
  private terminal: vscode.Terminal | undefined;
  private output: vscode.EventEmitter<string> | undefined;
  private opened = false;

  /** `onInterrupt`: Ctrl+C in the terminal, which cancels the build like the notification's Cancel. */
  constructor(private readonly name: string, private readonly onInterrupt: () => void) {}

  write(text: string): void {
    // A terminal needs \r\n; BuildKit writes \n.
    const chunk = text.replace(/\r?\n/g, '\r\n');
    this.transcript += chunk;
    if (this.opened) this.output?.fire(chunk);
  }

  /** Shows the terminal without taking the focus from the editor. */
  reveal(): void {
    this.terminal ??= this.create();
    this.terminal.show(true);
  }

  private create(): vscode.Terminal {
    const output = new vscode.EventEmitter<string>();
    this.output = output;
    const terminal = vscode.window.createTerminal({
      name: this.name,
      iconPath: new vscode.ThemeIcon('package'),
      pty: {
        onDidWrite: output.event,
        open: () => {
          this.opened = true;
          output.fire(this.transcript);
        },
        close: () => this.forget(terminal),
        handleInput: (data: string) => {
          if (data === '\x03') this.onInterrupt();
        },
      },
    });
    return terminal;
  }

  private forget(terminal: vscode.Terminal): void {
    if (this.terminal !== terminal) return;
    this.opened = false;
    this.terminal = undefined;
    this.output?.dispose();
    this.output = undefined;
  }

  dispose(): void {
    const terminal = this.terminal;
    if (terminal) {
      this.forget(terminal);
      terminal.dispose();
    }
  }
}
