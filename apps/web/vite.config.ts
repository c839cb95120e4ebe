import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Libraries that change rarely get their own long-cached chunks. antd is deliberately left to
 * Rollup: each page's chunk then carries only the components that page uses, so the first load
 * does not pay for tables, tree selects and date pickers.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(react|react-dom|scheduler|react-router|cookie|set-cookie-parser)\//.test(id)) return 'vendor-react';
  if (/node_modules\/(i18next|react-i18next|html-parse-stringify|void-elements)\//.test(id)) return 'vendor-i18n';
  if (/node_modules\/@tanstack\//.test(id)) return 'vendor-query';
  if (/node_modules\/zod\//.test(id)) return 'vendor-zod';
  return undefined;
}

// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all the console needs.
export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The entry chunk carries React's and antd's core (layout, menu, modal, message, locales), which
    // every page needs; pages load their own components on first visit.
    chunkSizeWarningLimit: 650,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // antd, react-router and TanStack Query mark modules "use client" for React Server Components; meaningless in a SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        // zod ships comments Rollup cannot place; it drops them, which changes nothing.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
