/** How long a request to the engine may take (the dockwright.docker.requestTimeoutMs default). */
export const DEFAULT_TIMEOUT_MS = 5000;
