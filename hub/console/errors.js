// Words the core's typed errors in the console's language with the calculator's own sentences (web/i18n/*-errors.js;
// Spanish and German, which the calculator lacks, in i18n/*-errors.js), each a chunk fetched when an error is first
// shown: the hub sends each error's code and arguments, placed at a rule (its number in the scheme) and field by the
// core; nothing here reads a path or an English message.
import { language, t } from './i18n.js';

const TABLES = {
  en: () => import('../../web/i18n/en-errors.js'), 'zh-CN': () => import('../../web/i18n/zh-errors.js'),
  es: () => import('./i18n/es-errors.js'), de: () => import('./i18n/de-errors.js'),
};
const loaded = {};

async function table(lang) {
  const load = TABLES[lang] || TABLES.en;
  if (!loaded[lang]) loaded[lang] = (await load()).default;
  return loaded[lang];
}

/** The error as one sentence: "Rule 8: must be at least 0, not -5" / "第 8 条规则：至少应为 0，而不是 -5". */
export async function errorSentence(e) {
  const lang = language();
  const [words, english] = await Promise.all([table(lang), table('en')]);
  const has = (key) => key in words || key in english;
  const say = (key, vars = {}) => (words[key] ?? english[key]).replace(/\{(\w+)\}/g, (_, n) => (n in vars ? String(vars[n]) : `{${n}}`));
  const args = { ...e.args };
  if ('kind' in args && has(`errKind_${args.kind}`)) args.kind = say(`errKind_${args.kind}`);
  for (const k of ['expected', 'got']) if (k in args && has(`errType_${args[k]}`)) args[k] = say(`errType_${args[k]}`);
  if ('suggestion' in args) args.suggestion = args.suggestion ? say('errSuggest', { s: args.suggestion }) : '';
  if ('material' in args) args.material = t(`material.${args.material}`);
  if ('refillable' in args) args.refillable = say(`errRefillable_${args.refillable}`);
  const message = e.code !== 'other' && has(`err_${e.code}`) ? say(`err_${e.code}`, args)
    : lang === 'en' && e.message ? e.message : say('err_other');
  return e.number ? `${say('errAt_rules', { n: e.number })}${say('errFieldSep')}${message}` : message;
}
