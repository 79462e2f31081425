/**
 * Which Python packages bring a server's command with them. The `fastapi` command (fastapi-cli,
 * which `fastapi[standard]` installs) runs uvicorn and depends on it, so a project that runs
 * `fastapi run` has uvicorn without listing it.
 */
const BROUGHT_BY: Readonly<Record<string, readonly string[]>> = {
  uvicorn: ['fastapi-cli'],
};

/** The servers whose command implies another's package: running `fastapi` means uvicorn is installed. */
const SERVER_BRINGS: Readonly<Record<string, readonly string[]>> = {
  fastapi: ['uvicorn'],
};

/**
 * Whether the project's own dependencies install `server`: listed itself, brought by a package it
 * lists, or implied by another server's command the project runs (`fastapi run` → uvicorn).
 */
export function serverInstalled(server: string, app: { server: string | null; dependencies: readonly string[] }): boolean {
  return app.dependencies.includes(server)
    || (BROUGHT_BY[server] ?? []).some((name) => app.dependencies.includes(name))
    || (app.server !== null && (SERVER_BRINGS[app.server] ?? []).includes(server));
}
