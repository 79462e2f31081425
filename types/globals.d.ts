/** Injected by esbuild from package.json (scripts/build.mjs). */
declare const __DOCKWRIGHT_VERSION__: string;
