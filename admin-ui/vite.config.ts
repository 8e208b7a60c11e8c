/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import components from 'unplugin-vue-components/vite';
import { ArcoResolver } from 'unplugin-vue-components/resolvers';
import { precompress } from './build/precompress';

// `npm run dev` proxies the API to a gateway on :8080 (scripts/run).
const gateway = process.env.GAIAROUTER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    vue(),
    // Arco components and icons used in templates are imported where used,
    // with their styles, instead of the whole library (a third of the size).
    components({ resolvers: [ArcoResolver({ sideEffect: true, resolveIcons: true })], dts: false }),
    precompress(),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: {
      '/v1': gateway,
      '/api': gateway,
      '/health': gateway,
      '/ready': gateway,
    },
  },
  build: {
    // Hashed file names under assets/: the gateway caches them for a year.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          if (id.includes('node_modules/@arco-design')) return 'arco';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.ts'],
  },
});
