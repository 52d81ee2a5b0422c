// Strings for the page: English from the markup itself plus web/i18n/en.js, Chinese from web/i18n/zh.js, each
// loaded when its language is chosen (a visit in Chinese fetches no English strings file). Each other section brings
// its own (en-*.js with its code, zh-*.js when Chinese is or becomes the language). Elements name their string with
// data-i18n (text) or data-i18n-attr="attr:key;attr:key".
const english = {};  // the markup's strings (captureEnglish), then en.js's
let current = english;
let enReady = null;
let lang = 'en';
const zhParts = [() => import('./i18n/zh.js')];  // loaders of the Chinese strings, the page's and each section's
let zhLoaded = 0;
const chinese = {};
let zhReady = Promise.resolve();

// Loads the Chinese strings not loaded yet, one batch after another, then makes them current when Chinese is.
function loadChinese() {
  zhReady = zhReady.then(async () => {
    const pending = zhParts.slice(zhLoaded);
    zhLoaded = zhParts.length;
    for (const part of await Promise.all(pending.map((load) => load()))) Object.assign(chinese, part.default);
    if (lang === 'zh') current = { ...english, ...chinese };
  });
  return zhReady;
}

// Reads the English text the markup ships with, so index.html stays the one place English page text is written.
export function captureEnglish(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const key = el.dataset.i18n;
    if (!(key in english)) english[key] = el.textContent.trim();
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const [attr, key] of pairs(el.dataset.i18nAttr)) {
      if (!(key in english)) english[key] = el.getAttribute(attr) || '';
    }
  }
}

/** A section's strings: its English (loaded with its code) and a loader of its Chinese; resolves once usable. */
export function addStrings(strings, loadChineseStrings) {
  for (const [key, text] of Object.entries(strings)) if (!(key in english)) english[key] = text;
  zhParts.push(loadChineseStrings);
  return lang === 'zh' ? loadChinese() : Promise.resolve();
}

function pairs(spec) {
  return spec.split(';').filter(Boolean).map((p) => p.split(':'));
}

/** The string for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars) {
  let s = key in current ? current[key] : key in english ? english[key] : key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return s;
}

// The data files' Chinese texts (scheme summaries, source titles, factor-set names), by the keys build-web-dist
// gives them in data/zh-texts.json: fetched once Chinese is chosen, never on an English visit.
const zhData = {};
let zhDataReady = null;
let zhDataLoaded = false;
export function loadChineseData() {
  zhDataReady ||= fetch('data/zh-texts.json').then((r) => (r.ok ? r.json() : {}))
    .then((d) => Object.assign(zhData, d)).catch(() => {}).finally(() => { zhDataLoaded = true; });
  return zhDataReady;
}

/**
 * A data text in the current language: in Chinese obj[key + 'Zh'] or the published Chinese text named zhKey (empty
 * until that has arrived, so no English shows meanwhile), else obj[key].
 */
export function localText(obj, key, zhKey) {
  if (lang !== 'zh') return obj[key];
  return obj[`${key}Zh`] || (zhKey && zhData[zhKey]) || (zhDataLoaded || !zhKey ? obj[key] : '');
}

export function language() {
  return lang;
}

/** Locale tag for the core's number and money formatting in the current language. */
export function formatLocale() {
  if (lang === 'zh') return 'zh-CN';
  const nav = (typeof navigator !== 'undefined' && navigator.language) || 'en-US';
  return /^en-(US|GB|AU|CA)$/i.test(nav) ? nav : 'en-US';
}

export async function setLanguage(next, root = document) {
  lang = next === 'zh' ? 'zh' : 'en';
  if (lang === 'zh') await loadChinese();
  else await (enReady ||= import('./i18n/en.js').then((m) => Object.assign(english, m.default)));
  current = lang === 'zh' ? { ...english, ...chinese } : english;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  localize(root);
}

/**
 * Puts the current language's strings into root's data-i18n elements and attributes. Text already right is left
 * alone: a rewritten paragraph paints anew, and the first view's largest text would count as painted only then.
 */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n);
    if (el.textContent !== text) el.textContent = text;
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const [attr, key] of pairs(el.dataset.i18nAttr)) el.setAttribute(attr, t(key));
  }
}

export function englishKeys() {
  return Object.keys(english);
}
