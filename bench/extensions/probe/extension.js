// Inside the extension host: activates the extensions named in DOCKWRIGHT_BENCH_ORDER one after
// the other, the way VS Code activates any extension (extension.activate() runs the host's own
// activation: context, require of `main`, activate()), and writes what it measured to
// DOCKWRIGHT_BENCH_OUT as JSON. A hook on Module._load (the path the host's require takes) times,
// in microseconds, every file of those extensions that is loaded, and wraps each `main`'s
// activate() to time the call. See bench/activation.ts.
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vscode = require('vscode');

const ms = (from, to = process.hrtime.bigint()) => Number(to - from) / 1e6;
const sleep = (delay) => new Promise((resolve) => setTimeout(resolve, delay));

exports.activate = async () => {
  const out = process.env.DOCKWRIGHT_BENCH_OUT;
  if (!out) return;
  const result = { extensions: [], error: undefined };
  try {
    const targets = process.env.DOCKWRIGHT_BENCH_ORDER.split(',').map((id) => {
      const extension = vscode.extensions.getExtension(id);
      if (!extension) throw new Error(`${id} is not installed`);
      if (extension.isActive) throw new Error(`${id} was already active before the probe ran`);
      return extension;
    });
    // Built-in extensions activate at startup too; measured among them, activation times scatter.
    await sleep(2000);
    const t0 = process.hrtime.bigint();
    const loads = [];
    const activateCalls = new Map();
    const owner = (file) => targets.find((e) => file.startsWith(e.extensionPath + path.sep));
    const mains = new Map(targets.map((e) => [require.resolve(path.join(e.extensionPath, e.packageJSON.main)), e.id]));
    const load = Module._load;
    Module._load = function (request, parent) {
      let file;
      try {
        // 'vscode' is the API object the host makes for the extension that requires it.
        const requiredBy = request === 'vscode' && parent?.filename ? owner(parent.filename) : undefined;
        file = requiredBy ? path.join(requiredBy.extensionPath, 'vscode (API)') : Module._resolveFilename(request, parent);
      } catch {
        return load.apply(this, arguments);
      }
      const extension = owner(file);
      if (!extension) return load.apply(this, arguments);
      const started = process.hrtime.bigint();
      const exported = load.apply(this, arguments);
      const id = mains.get(file);
      loads.push({ id: extension.id, file: path.relative(extension.extensionPath, file), main: Boolean(id), at: ms(t0, started), ms: ms(started) });
      if (!id || typeof exported?.activate !== 'function') return exported;
      // The host calls activate() and later deactivate() on what require returned.
      return {
        activate(...args) {
          const called = process.hrtime.bigint();
          try {
            return exported.activate.apply(this, args);
          } finally {
            activateCalls.set(id, ms(called));
          }
        },
        deactivate: exported.deactivate?.bind(exported),
      };
    };
    for (const extension of targets) {
      // What the previous activation set off (registrations reaching the window) must not land in this one.
      await sleep(500);
      const started = process.hrtime.bigint();
      await extension.activate();
      result.extensions.push({ id: extension.id, activationMs: ms(started), activateCallMs: activateCalls.get(extension.id),
        from: ms(t0, started), to: ms(t0) });
    }
    // What loads after activation (e.g. on the status bar's first engine check) is first use, not activation.
    await sleep(3000);
    Module._load = load;
    result.loads = loads;
    // VS Code's own marks (Date.now(), so whole milliseconds), the ones "Developer: Startup Performance" lists.
    const marks = globalThis.MonacoPerformanceMarks?.getMarks() ?? [];
    for (const entry of result.extensions) {
      const at = (name) => marks.find((m) => m.name === `code/extHost/${name}/${entry.id}`)?.startTime;
      entry.vscodeMarks = { codeLoadingMs: at('didLoadExtensionCode') - at('willLoadExtensionCode'),
        activateMs: at('didActivateExtension') - at('willActivateExtension') };
    }
  } catch (error) {
    result.error = error instanceof Error ? error.stack : String(error);
  }
  fs.writeFileSync(`${out}.part`, JSON.stringify(result, null, 2));
  fs.renameSync(`${out}.part`, out);
};
