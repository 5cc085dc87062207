/**
 * Registers the field page's service worker (emitted by apps/web/field-pwa.ts at build time) and links the web app
 * manifest, so a phone can install /field and open it without network. Only the field page calls this; in the dev
 * server (no built worker) the registration fails quietly.
 */
export function registerFieldServiceWorker(): void {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/manifest.webmanifest';
    document.head.appendChild(link);
  }
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.register('/field-sw.js', { scope: '/' }).catch(() => {
    // Without the worker the page still works while it stays open (IndexedDB outbox); nothing to tell the user.
  });
}
