/** How to name frameworks Dockwright recognizes but does not containerize (yet). */
const NAMES: Record<string, string> = {
  django: 'Django', starlette: 'Starlette', quart: 'Quart', sanic: 'Sanic', litestar: 'Litestar', bottle: 'Bottle',
  falcon: 'Falcon', aiohttp: 'aiohttp', tornado: 'Tornado',
};

export function unsupportedMessage(framework: string, root: string): string {
  const name = NAMES[framework] ?? framework;
  return `${root} is a ${name} project. Dockwright containerizes FastAPI and Flask apps; ${name} is not supported yet, ` +
    'so no Dockerfile will be generated for it.';
}
