// The page's entry: language, sections and URL state first (before the WASM arrives), then the core fills in
// the figures. Registers the service worker that keeps the calculator working offline.
import { captureEnglish, language, loadChineseData, localize, setLanguage, t, $, el } from './page-kit.js';
import createReturnLoop from './returnloop.js';
import { createRefund } from './refund.js';
import { VIEWS, readState, writeState } from './state.js';

const LANG_KEY = 'returnloop.lang';
const main = $('#main');
let ensureView = () => {};  // starts a section the first time it is shown (set once the core is up)
const status = $('#status');

function storedLanguage() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;  // storage blocked: the choice lasts for this visit only
  }
}

function showView(view) {
  main.dataset.view = view;
  ensureView(view);
  for (const a of document.querySelectorAll('.tabs a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// A scheme draft shared by link (#ed-...): read before the URL is rewritten to the page's state.
const draftHash = /^#ed-/.test(location.hash) ? location.hash : null;
captureEnglish();
// Before the core: the state that needs no scheme list (view, language), so the right section shows at once.
const early = readState(location.search, location.hash, []);
const state = early.state;
showView(state.view);
const browserZh = /^zh\b/i.test(navigator.language || '');
const initialLang = state.lang || storedLanguage() || (browserZh ? 'zh' : 'en');
const langReady = setLanguage(initialLang);  // the language's strings file, fetched beside the module
updateLangButtons(initialLang);

function updateLangButtons(lang) {
  for (const b of document.querySelectorAll('.lang-btn')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

let sections = null;  // filled once the core is up
let urlProblems = [];

function syncUrl() {
  const url = writeState(state);
  if (url !== location.search + location.hash) history.replaceState(null, '', url);
}

for (const a of document.querySelectorAll('.tabs a')) {
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    state.view = a.dataset.view;
    showView(state.view);
    syncUrl();
    main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  });
}
addEventListener('hashchange', () => {
  const v = location.hash.slice(1);
  if (VIEWS.includes(v)) {
    state.view = v;
    showView(v);
  }
});

for (const b of document.querySelectorAll('.lang-btn')) {
  b.addEventListener('click', async () => {
    const lang = b.dataset.lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      /* storage blocked: keep the choice for this visit */
    }
    state.lang = lang;
    updateLangButtons(lang);
    await setLanguage(lang);
    if (sections) sections.relabel();
    if (lang === 'zh') chineseData();
    showProblems();
    syncUrl();
  });
}

// The data files' Chinese texts arrive after the figures (they are not part of the first load); then every
// started section is worded again.
function chineseData() {
  loadChineseData().then(() => {
    if (sections && language() === 'zh') sections.relabel();
  });
}

// Short confirmations ("Exported.") in the status line, which is otherwise hidden once the core is up.
let toastTimer = 0;
function toast(message) {
  $('#status-text').textContent = message;
  status.classList.remove('ready');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => status.classList.add('ready'), 5000);
}

function showProblems() {
  let box = $('#url-problems');
  if (!urlProblems.length) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = el('p', { id: 'url-problems', class: 'notice', role: 'status' });
    status.after(box);
  }
  box.textContent = t('urlProblems', { list: urlProblems.map(([key, vars]) => t(key, vars)).join('; ') });
}

// The browser region's own scheme ("de-DE" -> "de"), else its country's first scheme in force by the file's
// status ("en-CA" -> a Canadian province); Germany when the region has none.
function schemeForRegion(presets) {
  const tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
  for (const tag of tags) {
    const region = (/-([A-Za-z]{2})\b/.exec(tag) || [])[1];
    if (!region) continue;
    const country = region.toUpperCase();
    const exact = presets.find((s) => s.id === country.toLowerCase());
    if (exact) return exact.id;
    const local = presets.filter((s) => s.country === country);
    const best = local.find((s) => s.status === 'in_force') || local[0];
    if (best) return best.id;
  }
  return (presets.find((s) => s.id === 'de') || presets[0]).id;
}

// Resolves in a later task, so the browser can paint and take input in between (a long task is what blocks).
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

// The other sections' styles, loaded once with the first of them shown.
let styles = null;
function sectionStyles() {
  if (!styles) {
    styles = new Promise((resolve, reject) => {
      const link = el('link', { rel: 'stylesheet', href: 'web/sections.css' });
      link.addEventListener('load', resolve);
      link.addEventListener('error', () => reject(new Error('web/sections.css could not be loaded')));
      document.head.append(link);
    });
  }
  return styles;
}

// The other sections' modules, started when first shown (each loads every scheme file and the full module first).
const SECTIONS = {
  explore: () => import('./explore.js'),
  editor: () => import('./editor.js'),
  sources: () => import('./sources.js'),
};

async function start() {
  // The module, its start data and the linked scheme's file load in parallel; the markup is already on screen.
  const urlScheme = new URLSearchParams(location.search).get('s');
  const [rl] = await Promise.all([
    createReturnLoop({ lite: true, schemes: urlScheme ? [urlScheme] : [] }),
    langReady,
  ]);
  const presets = rl.presets();
  // Now the scheme ids are known: read the URL again and report what it held that was not usable.
  const full = readState(location.search, location.hash, presets.map((s) => s.id), rl.limits().containersPerWeek);
  Object.assign(state, full.state, { view: state.view, lang: state.lang });
  urlProblems = full.problems;
  if (!state.scheme) state.scheme = schemeForRegion(presets);
  await rl.loadSchemes([state.scheme]);

  const refund = createRefund({ rl, root: $('#refund'), state, onChange: syncUrl });
  refund.fillSchemes(presets);
  refund.renderKinds();
  await nextTask();  // the list and the form, then the figures, then the rest: three tasks, none of them long
  refund.compute();
  await nextTask();
  const presetName = (s) => `${language() === 'zh' && s.nameZh ? s.nameZh : s.name} (${s.id})`;
  const create = {
    explore: (m) => m.createExplore({ rl, root: $('#explore'), state, schemes: rl.schemes(), onChange: syncUrl }),
    editor: (m) => {
      const e = m.createEditor({ rl, root: $('#editor'), onStatus: toast });
      e.fillPresets(presets, presetName);
      return { start: () => e.start(draftHash ? m.draftFromLink(draftHash) : undefined), relabel: () => { e.relabel(); e.fillPresets(presets, presetName); } };
    },
    sources: (m) => {
      const x = m.createSources({ rl, root: $('#sources'), schemes: rl.schemes() });
      return { start: x.render, relabel: x.render };
    },
  };
  const started = { refund };
  const starting = {};
  ensureView = (view) => {
    if (started[view] && started[view].shown) started[view].shown();
    if (started[view] || starting[view] || !SECTIONS[view]) return;
    const section = $(`#${view}`);
    section.setAttribute('aria-busy', 'true');
    const code = SECTIONS[view]().then((m) => m.stringsReady.then(() => m));
    starting[view] = Promise.all([code, rl.loadSchemes(), rl.full(), sectionStyles()]).then(([m, problems]) => {
      if (problems.length) toast(t('loadFailed', { message: problems.map((p) => `${p.path}: ${p.message}`).join('; ') }));
      // The section's markup arrives with its code: English is read from it, then the current language put in.
      section.querySelector('.intro').insertAdjacentHTML('afterend', m.markup);
      captureEnglish(section);
      localize(section);
      started[view] = create[view](m);
      started[view].start();
      if (started[view].shown && main.dataset.view === view) started[view].shown();
      section.removeAttribute('aria-busy');
      section.dataset.ready = 'true';
    }).catch((e) => {
      section.removeAttribute('aria-busy');
      toast(t('loadFailed', { message: e && e.message ? e.message : String(e) }));
    });
  };
  sections = {
    relabel() {
      for (const section of Object.values(started)) section.relabel();
    },
  };
  ensureView(state.view);
  $('#version').textContent = rl.version();
  showProblems();
  syncUrl();
  if (language() === 'zh') chineseData();
  status.classList.add('ready');
  $('#status-text').textContent = t('ready');
  document.documentElement.dataset.ready = 'true';

  $('#share').addEventListener('click', async () => {
    const msg = $('#share-msg');
    try {
      await navigator.clipboard.writeText(location.href);
      msg.textContent = t('linkCopied');
    } catch {
      msg.textContent = t('linkCopyFailed');
    }
  });
  // The printed page's styles, now that there is a result to print (media="print": never in the screen's way).
  document.head.append(el('link', { rel: 'stylesheet', href: 'web/print.css', media: 'print' }));
  // On paper a link back to the result with its QR code (web/print.js, loaded when first printing; a first Ctrl+P
  // prints without it, as the browser does not wait for a module).
  const preparePrint = () => import('./print.js').then((m) => m.ready);
  addEventListener('beforeprint', preparePrint);
  $('#print').addEventListener('click', () => preparePrint().then(print));
  $('#poster').addEventListener('click', () => import('./poster.js').then((m) => m.showPoster(refund.current())));
}

// The service worker registers once the figures are up, so its precaching (every section, scheme and string, for
// offline use) never competes with the first view's own files.
function registerWorker() {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  // A new version taking over a page an older one controlled: reload, so the page's code and the core come from
  // one release (the state is in the URL, a draft in storage). The first install's takeover changes nothing served.
  let controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) location.reload();
    controlled = true;
  });
  navigator.serviceWorker.register('sw.js').catch(() => {
    /* offline support is a bonus: the page works without it */
  });
}

start().catch((e) => {
  status.classList.add('failed');
  $('#status-text').textContent = t('loadFailed', { message: e && e.message ? e.message : String(e) });
}).finally(registerWorker);
