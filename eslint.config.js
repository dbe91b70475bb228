// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.serverless/**', '.esbuild/**', '.data/**', '.artifacts/**', 'miniapp/config/**', 'miniapp/babel.config.js', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['tests/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      // shared/ is pure: no clock, no I/O, no platform.
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ must not depend on Node' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pass `now` in: shared/ never reads the clock' }],
      'no-restricted-imports': ['error', { patterns: ['node:*', '@aws-sdk/*', '@tarojs/*'] }],
    },
  },
);
