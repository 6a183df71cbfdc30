// ESLint rule: code outside a module imports it only through `modules/<name>/index.ts`.
// Tests and test support may reach inside (they test the inside).
import path from 'node:path';

const MODULES = `${path.sep}server${path.sep}src${path.sep}modules${path.sep}`;

function moduleOf(file) {
  const i = file.indexOf(MODULES);
  if (i < 0) return null;
  const rest = file.slice(i + MODULES.length).split(path.sep);
  return { name: rest[0], root: file.slice(0, i + MODULES.length) + rest[0], inner: rest.slice(1).join('/') };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Other modules are imported only through their index.ts' },
    messages: { wall: "Import '{{target}}' through modules/{{module}}/index.ts: a module's insides are its own." },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    if (/\.test\.ts$/.test(file) || file.includes(`${path.sep}server${path.sep}test${path.sep}`)) return {};
    const here = moduleOf(file);
    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source.value);
      const there = moduleOf(target);
      if (!there || (here && here.name === there.name)) return;
      if (there.inner === 'index.ts') return;
      context.report({ node: source, messageId: 'wall', data: { target: source.value, module: there.name } });
    }
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source),
    };
  },
};
