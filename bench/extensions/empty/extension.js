// The baseline of bench/activation.ts: everything VS Code does to activate an extension, and nothing else.
exports.activate = () => undefined;
