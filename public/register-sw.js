// Registers the service worker (sw.js, written by scripts/post-build.mjs in release builds) once
// the page has loaded and the browser is idle, so its precache (every file of the build, for
// offline use) does not compete with the first load or the views fetched right after it.
// Relative URL: the site lives under a sub-path (/headroom/), which becomes the worker's scope.
if ('serviceWorker' in navigator) {
  const register = () =>
    navigator.serviceWorker.register('./sw.js').catch((err) => {
      console.warn('Headroom works online only: the service worker did not register.', err);
    });
  addEventListener('load', () => {
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 10000 });
    else setTimeout(register, 3000);
  });
}
