import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The console is built into dist/console at the repository root; the API serves it at / (one origin).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.tsx', 'test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
  },
});
