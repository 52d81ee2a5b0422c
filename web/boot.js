// Starts the page's module and the core's downloads once the first view has painted. The first view is plain
// markup and inline styles that need no script; its first frame then has the device to itself, and on a slow link
// its bytes have the line to themselves, instead of sharing them with about 60 KB of script and WASM.
// scripts/build-web-dist inlines this file, minified, in place of index.html's preload links and module script,
// with their hashed names for PRELOADS and APP (the page's CSP names it by its hash); the unbuilt index.html keeps
// the plain tags.
/* global PRELOADS, APP */
let start = () => {
  start = () => {};
  for (const href of PRELOADS) document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: '', href }));
  document.head.append(Object.assign(document.createElement('script'), { type: 'module', src: APP }));
};
// When the browser reports the first contentful paint: a frame's script runs before the frame reaches the screen,
// which on a busy device can be long after (measured here: 1.2 s). A hidden tab paints nothing and a browser
// without paint timing cannot say: they start at once. Three seconds at the most, whatever the browser reports.
if (document.hidden || !PerformanceObserver.supportedEntryTypes?.includes('paint')) start();
else {
  new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint')[0] && start()).observe({ type: 'paint', buffered: true });
  setTimeout(() => start(), 3000);
}
