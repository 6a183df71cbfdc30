// Lint: typescript-eslint's recommended rules, plus the module walls (scripts/eslint/module-walls.js).
import tseslint from 'typescript-eslint';
import moduleWalls from './scripts/eslint/module-walls.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'var/**', 'test-artifacts/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { open06: { rules: { 'module-walls': moduleWalls } } },
    rules: {
      'open06/module-walls': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name="only"]', message: 'Never commit .only' },
      ],
    },
  },
);
