// Registers the service worker (sw.js, written by scripts/post-build.mjs in release builds) once
// the page has loaded, so its precache does not compete with the first load. Relative URL: the
// site lives under a sub-path (/headroom/), which becomes the worker's scope.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((err) => {
      console.warn('Headroom works online only: the service worker did not register.', err);
    });
  });
}
