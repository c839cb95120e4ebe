import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './api/query-client.ts';
import { applyDocumentLocale, LocaleProvider } from './components/locale-provider.tsx';
import { loginPathFor } from './components/require-session.tsx';
import { initI18n, storedLocale } from './i18n/index.ts';
import { router } from './router.tsx';
import './styles.css';

const locale = storedLocale();

// A session that ends mid-work (expired, logged out elsewhere) leads back to the login page, which
// clears the cache once the signed-in pages are gone.
const queryClient = createQueryClient(() => {
  const { location } = router.state;
  // The customer portal has its own identification page.
  if (location.pathname.startsWith('/portal')) {
    if (location.pathname !== '/portal/login') void router.navigate('/portal/login', { replace: true });
    return;
  }
  if (location.pathname !== '/login') void router.navigate(loginPathFor(location), { replace: true });
});

// The first render waits for the reader's language (its own small chunk).
void initI18n(locale).then(() => {
  applyDocumentLocale(locale);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LocaleProvider>
          <RouterProvider router={router} />
        </LocaleProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
});
