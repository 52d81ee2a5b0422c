// Starts the page's module and the core's downloads once the first view has painted. The first view is plain
// markup and inline styles that need no script; on a slow link its bytes then have the line to themselves instead
// of sharing it with about 60 KB of script and WASM. scripts/build-web-dist inlines this file, minified, in place
// of index.html's preload links and module script, with their hashed names for PRELOADS and APP (the page's CSP
// names it by its hash); the unbuilt index.html keeps the plain tags.
/* global PRELOADS, APP */
const start = () => {
  for (const href of PRELOADS) document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: '', href }));
  document.head.append(Object.assign(document.createElement('script'), { type: 'module', src: APP }));
};
// A frame's callbacks run before its paint and a task queued from one after it. A hidden tab paints nothing and
// runs no frames: it starts at once.
if (document.hidden) start();
else requestAnimationFrame(() => setTimeout(start));
