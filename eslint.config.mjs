import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'test-results-*/**',
      'lib/generated/**',
      'node_modules/**',
      '.data/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    // Only the data layer, seeds, scripts and tests talk to the database.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/db', '@/lib/generated/*', '**/lib/db'], message: 'Read and write through lib/data.' },
          ],
        },
      ],
    },
  },
  {
    // Pages fetch; components receive data as props, so they may name the data layer's types but never call it.
    files: ['components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/data/*', '**/lib/data/*'],
              allowTypeImports: true,
              message: 'Components import only types from lib/data; the page fetches and passes props.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
