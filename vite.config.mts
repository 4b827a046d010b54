import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preloadAtStart } from './scripts/vite-preload-at-start.mjs';

// The renderer is loaded from file:// in Electron and from the loopback bridge in
// browser mode, so every asset path is relative.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  // boot.ts (the entry) asks for the first screen's data while the main chunk and the store's
  // (the page a start opens) are fetched beside it
  plugins: [react(), preloadAtStart(['/main.tsx', '/features/store/StorePage.tsx'])],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
});
