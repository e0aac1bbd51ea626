// Vite builds the React renderer into dist/renderer (served by the server host and loaded by Electron).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: false },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:4780' } },
});
