import * as vscode from 'vscode';
import type { EngineState } from '../shared/protocol';
import { dockerEnvironment, readSettings } from './settings';

/**
 * Knows whether the engine answers, and tells listeners when that changes. The status bar and
 * the dashboard both read it, so the daemon is asked once per check, not once per view.
 */
export class EngineMonitor implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EngineState>();
  private listeners = 0;
  /** The emitter's event, counting its subscriptions: a closed view must leave none behind. */
  readonly onDidChange: vscode.Event<EngineState> = (listener, thisArgs, disposables) => {
    const subscription = this.changed.event(listener, thisArgs);
    this.listeners++;
    let counted = true;
    const counting = {
      dispose: () => {
        if (counted) this.listeners--;
        counted = false;
        subscription.dispose();
      },
    };
    disposables?.push(counting);
    return counting;
  };

  get listenerCount(): number {
    return this.listeners;
  }
  private current: EngineState | undefined;
  private inFlight: Promise<EngineState> | undefined;

  get state(): EngineState | undefined {
    return this.current;
  }

  check(): Promise<EngineState> {
    this.inFlight ??= this.runCheck().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async runCheck(): Promise<EngineState> {
    const checkedAt = new Date().toISOString();
    // The daemon adapter loads with the first check, not at activation. A fresh client per check,
    // so a changed DOCKER_HOST, context or timeout takes effect.
    const { DockerClient, DockerError } = await import('../docker/client');
    const client = DockerClient.fromSettings({ readSettings, dockerEnvironment });
    let state: EngineState;
    try {
      state = { status: 'running', summary: await client.summary(), checkedAt };
    } catch (err) {
      if (!(err instanceof DockerError)) throw err;
      state = { status: 'unavailable', failure: err.failure, checkedAt };
    }
    this.current = state;
    this.changed.fire(state);
    return state;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
