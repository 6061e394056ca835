// One jest (29.7) for every workspace; each project has its own cache directory.
const path = require('node:path');

const tsJest = (tsconfig) => ['ts-jest', { tsconfig, diagnostics: false }];
const cache = (name) => path.join(__dirname, '.jest-cache', name);

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'shared',
      rootDir: path.join(__dirname, 'shared'),
      testEnvironment: 'node',
      cacheDirectory: cache('shared'),
      testMatch: ['<rootDir>/src/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest(path.join(__dirname, 'shared/tsconfig.json')) },
    },
    {
      displayName: 'bff',
      rootDir: path.join(__dirname, 'bff'),
      testEnvironment: 'node',
      cacheDirectory: cache('bff'),
      testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
      testEnvironmentOptions: { customExportConditions: ['@ycta/source', 'node', 'node-addons'] },
      transform: { '^.+\\.m?[tj]s$': tsJest(path.join(__dirname, 'bff/tsconfig.json')) },
      // ESM-only packages jest must transform: jose, file-type and its readers, @tus/* and its srvx (.mjs)
      transformIgnorePatterns: ['/node_modules/(?!(jose|kdbush|geokdbush|tinyqueue|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|@tus|srvx)/)'],
      globalSetup: path.join(__dirname, 'scripts/test/global-setup.ts'),
      globalTeardown: path.join(__dirname, 'scripts/test/global-teardown.ts'),
    },
    {
      displayName: 'e2e',
      rootDir: path.join(__dirname, 'e2e'),
      testEnvironment: 'node',
      cacheDirectory: cache('e2e'),
      testMatch: ['<rootDir>/**/*.e2e.ts'],
      testEnvironmentOptions: { customExportConditions: ['@ycta/source', 'node', 'node-addons'] },
      transform: { '^.+\\.m?[tj]s$': tsJest(path.join(__dirname, 'e2e/tsconfig.json')) },
      transformIgnorePatterns: ['/node_modules/(?!(jose|kdbush|geokdbush|tinyqueue|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|@tus|srvx)/)'],
    },
    {
      displayName: 'miniapp',
      rootDir: path.join(__dirname, 'miniapp'),
      testEnvironment: 'jsdom',
      cacheDirectory: cache('miniapp'),
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
      setupFilesAfterEnv: ['<rootDir>/test/setup-taro.ts'],
      globals: {
        ENABLE_INNER_HTML: true, ENABLE_ADJACENT_HTML: true, ENABLE_SIZE_APIS: true, ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_CLONE_NODE: true, ENABLE_CONTAINS: true, ENABLE_MUTATION_OBSERVER: true, DEPRECATED_ADAPTER_COMPONENT: false,
      },
      moduleNameMapper: {
        '^@tarojs/components$': require.resolve('@tarojs/components/lib/react/index.js'),
        '^@ycta/shared/(.*)$': path.join(__dirname, 'shared/src/$1'),
        '^@ycta/shared$': path.join(__dirname, 'shared/src/index.ts'),
        '\\.css$': path.join(__dirname, 'miniapp/test/style-stub.js'),
      },
      transform: { '^.+\\.(tsx?|jsx?|mjs)$': tsJest(path.join(__dirname, 'miniapp/test/tsconfig.json')) },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|ssr-window|dom7|tslib|\\.pnpm)/)'],
    },
    {
      displayName: 'miniapp-weapp',
      rootDir: path.join(__dirname, 'miniapp'),
      testEnvironment: 'jsdom',
      cacheDirectory: cache('miniapp-weapp'),
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      moduleNameMapper: { '^@ycta/shared/(.*)$': path.join(__dirname, 'shared/src/$1') },
      transform: { '^.+\\.ts$': tsJest(path.join(__dirname, 'miniapp/test/tsconfig.json')) },
    },
  ],
};
