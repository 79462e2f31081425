/** Every command, view and setting id the extension uses, in one place (package.json mirrors it). */
export const COMMANDS = {
  checkDocker: 'dockwright.checkDocker',
  openDashboard: 'dockwright.openDashboard',
  openFullLog: 'dockwright.openFullLog',
  dashboardDiagnostics: 'dockwright.dashboardDiagnostics',
  showDetectedApps: 'dockwright.showDetectedApps',
  containerize: 'dockwright.containerize',
  undoContainerize: 'dockwright.undoContainerize',
  generateKubernetes: 'dockwright.generateKubernetes',
  buildAndRun: 'dockwright.buildAndRun',
  saveTeamTemplate: 'dockwright.saveTeamTemplate',
  compareTeamTemplate: 'dockwright.compareTeamTemplate',
  explainInstruction: 'dockwright.explainInstruction',
  toggleExplainLenses: 'dockwright.toggleExplainLenses',
} as const;

export const VIEWS = {
  dashboard: 'dockwright.dashboard',
} as const;

export const SETTINGS = {
  section: 'dockwright',
  requestTimeoutMs: 'docker.requestTimeoutMs',
  dockerPath: 'docker.path',
  dockerHost: 'docker.host',
  logsMaxLines: 'dashboard.logs.maxLines',
  statusBarEnabled: 'statusBar.enabled',
  statusBarPollSeconds: 'statusBar.pollSeconds',
  generateMultiStage: 'generate.multiStage',
  generateComments: 'generate.comments',
  generatePythonVersion: 'generate.defaultPythonVersion',
  generateUid: 'generate.uid',
  generateCacheMounts: 'generate.cacheMounts',
  templatesPath: 'templatesPath',
  explainCodeLens: 'explain.codeLens',
} as const;

/** Context keys set with setContext (menus' `when` clauses). */
export const CONTEXT = {
  canUndoContainerize: 'dockwright.canUndoContainerize',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
