// Registers the service worker (sw.js, written by scripts/post-build.mjs in release builds) once
// the page has loaded and the browser is idle, so its precache (every file of the build, for
// offline use) does not compete with the first load or the views fetched right after it.
// scripts/build-wasm.sh puts this at the top of the release build's app-<hash>/start.js, so the
// worker's address is one directory up; its scope is that directory, the site's (a sub-path
// such as /headroom/).
if ('serviceWorker' in navigator) {
  const register = () =>
    navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)).catch((err) => {
      console.warn('Headroom works online only: the service worker did not register.', err);
    });
  addEventListener('load', () => {
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 10000 });
    else setTimeout(register, 3000);
  });
}
