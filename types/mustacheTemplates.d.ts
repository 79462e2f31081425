/** Template files, bundled as text by esbuild (scripts/build.mjs: loader `.mustache: text`). */
declare module '*.mustache' {
  const text: string;
  export default text;
}
