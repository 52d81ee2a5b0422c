// Strings by key in the chosen language (English ships in the first load; Chinese, Spanish and German are chunks
// fetched when chosen), and the markup's data-t attributes filled from them.
import en from './i18n/en.js';

let strings = en;
let lang = 'en';

export const language = () => lang;

const CHUNKS = { 'zh-CN': () => import('./i18n/zh-CN.js'), es: () => import('./i18n/es.js'), de: () => import('./i18n/de.js') };

export async function setLanguage(next) {
  strings = CHUNKS[next] ? (await CHUNKS[next]()).default : en;
  lang = CHUNKS[next] ? next : 'en';
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
}

export function t(key, vars = {}) {
  const text = strings[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}
