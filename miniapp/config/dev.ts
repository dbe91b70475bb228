import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // `npm run dev:h5`: the page calls same-origin /api/...; forward it to the local stack.
    devServer: {
      proxy: {
        '/api': { target: process.env.TARO_APP_API_PROXY ?? 'http://127.0.0.1:8080', changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
