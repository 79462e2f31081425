/** Every command, view and setting id the extension uses, in one place (package.json mirrors it). */
export const COMMANDS = {
  checkDocker: 'dockwright.checkDocker',
  openDashboard: 'dockwright.openDashboard',
  showDetectedApps: 'dockwright.showDetectedApps',
} as const;

export const VIEWS = {
  dashboard: 'dockwright.dashboard',
} as const;

export const SETTINGS = {
  section: 'dockwright',
  requestTimeoutMs: 'docker.requestTimeoutMs',
  statusBarEnabled: 'statusBar.enabled',
  statusBarPollSeconds: 'statusBar.pollSeconds',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
