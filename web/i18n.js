// Strings for the page: English from the markup itself plus web/i18n/en.js (and each section's en-*.js, added when
// the section loads), Chinese from web/i18n/zh.js (loaded on demand). Elements name their string with data-i18n
// (text) or data-i18n-attr="attr:key;attr:key".
import en from './i18n/en.js';

const english = { ...en };  // static strings are added from the markup when the page starts
let current = english;
let lang = 'en';

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

/** Adds a section's English strings (loaded with the section's code). */
export function addEnglish(strings) {
  for (const [key, text] of Object.entries(strings)) if (!(key in english)) english[key] = text;
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
  current = lang === 'zh' ? { ...english, ...(await import('./i18n/zh.js')).default } : english;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  localize(root);
}

/** Puts the current language's strings into root's data-i18n elements and attributes. */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const [attr, key] of pairs(el.dataset.i18nAttr)) el.setAttribute(attr, t(key));
  }
}

export function englishKeys() {
  return Object.keys(english);
}
