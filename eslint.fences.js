// The layer fences of docs/architecture.md, as an ESLint rule over relative import paths:
// - an app never imports another app (no exceptions: `npm start`'s one-process entry lives in apps/api
//   and takes the worker loops and the demo seeder from libs/application);
// - a library never imports an app.
// - another library is imported through its public surface, libs/<name>/src/index.ts, never by a deep
//   path (imports within a library stay relative; test helpers under a `testing/` folder are exempt;
//   a library's migration list, libs/<name>/src/migrations.ts, is public as well).
// (The purity of libs/domain is fenced in eslint.config.js with no-restricted-imports.)
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** 'apps/api/src/x.ts' → { layer: 'apps', name: 'api', rest: 'src/x.ts' }; null outside apps/ and libs/. */
function locate(absolute) {
  const parts = relative(ROOT, absolute).split(sep);
  if ((parts[0] === 'apps' || parts[0] === 'libs') && parts.length > 2)
    return { layer: parts[0], name: parts[1], rest: parts.slice(2).join('/') };
  return null;
}

const ALLOWED_APP_IMPORTS = {};

export const fences = {
  meta: {
    type: 'problem',
    docs: { description: 'apps never import apps; libraries never import apps (docs/architecture.md)' },
    schema: [],
    messages: {
      appImportsApp:
        'apps never import apps: apps/{{from}} imports apps/{{to}}. Move what both need into a library (libs/application for use cases and processes).',
      libImportsApp: 'a library never imports an app: libs/{{from}} imports apps/{{to}}.',
    },
  },
  create(context) {
    const file = context.filename;
    const from = locate(file);
    if (!from) return {};
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const to = locate(resolve(dirname(file), source.value));
      if (!to || to.layer !== 'apps') return;
      if (from.layer === 'libs') {
        context.report({
          node,
          messageId: 'libImportsApp',
          data: { from: from.name, to: `${to.name}/${to.rest}` },
        });
        return;
      }
      if (to.name === from.name) return;
      if ((ALLOWED_APP_IMPORTS[from.name] ?? []).includes(`${to.name}/${to.rest}`)) return;
      context.report({
        node,
        messageId: 'appImportsApp',
        data: { from: from.name, to: `${to.name}/${to.rest}` },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

/** 'libs/domain/src/case/x.ts' → 'domain'; null outside libs/. */
function libraryOf(absolute) {
  const parts = relative(ROOT, absolute).split(sep);
  return parts[0] === 'libs' && parts.length > 2 ? parts[1] : null;
}

export const libraryIndex = {
  meta: {
    type: 'problem',
    docs: { description: 'another library is imported through its src/index.ts (docs/architecture.md)' },
    schema: [],
    messages: {
      deepImport:
        'import libs/{{to}} through its public surface (libs/{{to}}/src/index.js), not {{path}}: export what you need from its index.ts.',
    },
  },
  create(context) {
    const file = context.filename;
    const own = libraryOf(file);
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const target = resolve(dirname(file), source.value);
      const to = libraryOf(target);
      if (!to || to === own) return;
      const rest = relative(resolve(ROOT, 'libs', to), target).split(sep);
      if (rest.join('/') === 'src/index.js' || rest.join('/') === 'src/index.ts') return;
      // A library's migration list is public too: libs/runtime lists it without loading the library
      // (libs/application imports libs/runtime, so its index would be an import cycle there).
      if (rest.join('/') === 'src/migrations.js' || rest.join('/') === 'src/migrations.ts') return;
      if (rest.includes('testing')) return;
      context.report({ node, messageId: 'deepImport', data: { to, path: `libs/${to}/${rest.join('/')}` } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
