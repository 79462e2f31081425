import type * as vscode from 'vscode';

/** The documents team drift is about: activation watches for the first one, drift for each. */
export const isDockerfile = (d: vscode.TextDocument) => d.uri.path.endsWith('/Dockerfile');
/** Saving one of these can change what a Dockerfile should be. */
export const isTeamFile = (uri: vscode.Uri) => /\/\.dockwright(\/[^/]+|\.ya?ml|\.json)$/.test(uri.path);
export const isAppFile = (uri: vscode.Uri) => /\.(py|toml|txt|lock|cfg)$|\/(Pipfile|\.python-version)$/.test(uri.path);
