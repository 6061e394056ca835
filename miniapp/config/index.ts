import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// shared/ is TypeScript source: compile it with the app (see TOOLCHAIN.md)
const sharedSource = path.resolve(__dirname, '../../shared')

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'ycta-miniapp',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    // The app's build-time settings (types/global.d.ts documents them). Defined even when unset: neither
    // WeChat nor the browser has a `process` at run time, so an undefined key would crash the app.
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
      TARO_APP_H5_ORIGIN: JSON.stringify(process.env.TARO_APP_H5_ORIGIN ?? ''),
      TARO_APP_REMINDER_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_REMINDER_TEMPLATE_ID ?? ''),
      TARO_APP_MAP_TILE_URL: JSON.stringify(process.env.TARO_APP_MAP_TILE_URL ?? ''),
      TARO_APP_OFFICE_NAME: JSON.stringify(process.env.TARO_APP_OFFICE_NAME ?? ''),
    },
    alias: { '@ycta/shared': path.resolve(sharedSource, 'src') },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [sharedSource] },
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSource] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
        // The root font size follows the screen up to this cap. Taro's default (40px) made every desktop page twice
        // a phone's size (34px body text at 1366 wide); 22px keeps phones as they are (390 wide: 20.8px) and gives
        // desks ordinary desktop text, so one stylesheet serves both sizes.
        pxtransform: { enable: true, config: { maxRootSize: 22 } },
      },
    },
  }
  return config
})
