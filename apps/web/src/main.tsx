import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers } from './app/providers.tsx';
import { AppRoutes } from './app/router.tsx';
import { loadLanguage, readStoredLang } from './i18n/i18n.tsx';
import './app/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// English users wait for the English chunk (a failure falls back to Chinese). A promise rather than a top-level
// await: with one, the bundler turns off its chunk optimizations (merging common chunks) for the whole app.
void loadLanguage(readStoredLang())
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <Providers>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </Providers>
      </StrictMode>,
    ),
  );
