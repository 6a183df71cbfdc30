import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves web/dist in production (npm start); `npm run dev -w @open06/web` proxies the API.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/docs': 'http://127.0.0.1:3000',
    },
  },
});
