// ReturnLoop's JS API over the WASM core (web/bindings.cpp): default export createReturnLoop(), for browsers and node.
// Every call sends JSON to one exported C function and parses the JSON answer; failures come back as
// {error: {path, message}} values, never as exceptions or WASM traps. Documented in returnloop.d.ts.
import createCore from './returnloop-core.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const isNode = typeof process === 'object' && !!(process.versions && process.versions.node) && typeof window === 'undefined';

/** Today's local calendar date as YYYY-MM-DD: the core never reads a clock, so the caller passes it in. */
export function todayIso(now = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

// JSON.stringify with BigInt written as a bare integer, so int64 amounts beyond 2^53 reach the core exactly.
function toJson(value) {
  const marks = [];
  const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `\u0000big${marks.push(v.toString()) - 1}` : v));
  return marks.length ? text.replace(/"\\u0000big(\d+)"/g, (_, i) => marks[i]) : text;
}

function fail(path, message) {
  return { error: { path, message } };
}

export default async function createReturnLoop(options = {}) {
  const moduleOptions = { ...options };
  delete moduleOptions.locale;
  if (isNode && !moduleOptions.wasmBinary) {
    // Emscripten 3.1.6's glue cannot find its .wasm from an ES module under node; read it for it.
    const { readFile } = await import('node:fs/promises');
    moduleOptions.wasmBinary = await readFile(new URL('./returnloop-core.wasm', import.meta.url));
  }
  const core = await createCore(moduleOptions);
  let locale = options.locale || 'en-US';

  function readCString(ptr) {
    const heap = core.HEAPU8;
    let end = ptr;
    while (heap[end] !== 0) end++;
    return decoder.decode(heap.subarray(ptr, end));
  }

  // Calls an exported rl_* function with one string argument (or none) and parses its JSON answer.
  function raw(fn, text) {
    let ptr = 0;
    try {
      if (text !== undefined) {
        const bytes = encoder.encode(text);
        ptr = core._malloc(bytes.length + 1);
        if (!ptr) return fail('', 'out of memory');
        core.HEAPU8.set(bytes, ptr);
        core.HEAPU8[ptr + bytes.length] = 0;
      }
      return JSON.parse(readCString(text === undefined ? fn() : fn(ptr)));
    } catch (e) {
      return fail('', `internal error in the core: ${e && e.message ? e.message : e}`);
    } finally {
      if (ptr) core._free(ptr);
    }
  }
  const call = (fn, args) => raw(fn, toJson(args));
  const dated = (date) => (date === undefined || date === null ? todayIso() : date);

  // The presets are parsed a few files per task so a page stays responsive while the module starts.
  let init;
  for (;;) {
    init = JSON.parse(readCString(core._rl_init(options.initChunk || 3)));
    if (init.done) break;
    if (!isNode) await new Promise((resolve) => setTimeout(resolve, 0));
  }

  function formatMoney(amountMinor, currency, loc = locale) {
    return call(core._rl_format_money, { amountMinor, currency, locale: loc });
  }
  // Adds the locale-formatted text next to each amount the core returned (formatting is the core's too).
  function withFormatted(answer, currency, pairs) {
    if (answer.error) return answer;
    for (const [from, to] of pairs) {
      if (typeof answer[from] === 'number') answer[to] = formatMoney(answer[from], currency);
    }
    return answer;
  }

  const api = {
    /** Problems found in the embedded presets when the module started (empty in a good build). */
    initErrors: init.errors || [],
    version: () => raw(core._rl_version),
    locale: () => locale,
    setLocale(tag) {
      locale = String(tag);
      return locale;
    },
    schemes: (date) => call(core._rl_schemes, { date: dated(date) }),
    schemeSource: (schemeId) => call(core._rl_scheme_source, { scheme: schemeId }),
    deposit(schemeId, container, date) {
      const d = call(core._rl_deposit, { scheme: schemeId, container, date: dated(date) });
      return withFormatted(d, d.currency, [['amountMinor', 'formatted'], ['refundMinor', 'refundFormatted']]);
    },
    quote(schemeId, items, date) {
      if (!Array.isArray(items)) return fail('items', 'items must be an array of {container, count}');
      const q = call(core._rl_quote, { scheme: schemeId, items, date: dated(date) });
      if (q.error) return q;
      withFormatted(q, q.currency, [['totalMinor', 'formatted'], ['refundMinor', 'refundFormatted']]);
      for (const line of q.lines) withFormatted(line, q.currency, [['amountMinor', 'formatted'], ['lineMinor', 'lineFormatted']]);
      return q;
    },
    validateScheme: (jsonText) => raw(core._rl_validate_scheme, String(jsonText)),
    useScheme: (jsonText) => raw(core._rl_use_scheme, String(jsonText)),
    formatMoney,
    formatNumber: (value, loc = locale, maxFractionDigits = 0) =>
      call(core._rl_format_number, { value, locale: loc, digits: maxFractionDigits }),
    parseMoney: (text, currency) => call(core._rl_parse_money, { text: String(text), currency }),
    predictReturnRate(schemeIdOrWhatIf, date) {
      if (schemeIdOrWhatIf && typeof schemeIdOrWhatIf === 'object') {
        const whatIf = { year: Number(dated(date).slice(0, 4)), ...schemeIdOrWhatIf };
        return call(core._rl_predict_return_rate, { whatIf });
      }
      return call(core._rl_predict_return_rate, { scheme: schemeIdOrWhatIf, date: dated(date) });
    },
    household(params = {}) {
      if (!params || typeof params !== 'object') return fail('', 'household takes an object of parameters');
      const h = call(core._rl_household, { ...params, date: dated(params.date) });
      return withFormatted(h, h.currency, [['depositsMinor', 'depositsFormatted'], ['refundMinor', 'refundFormatted'], ['unreturnedMinor', 'unreturnedFormatted']]);
    },
    project(params = {}) {
      if (!params || typeof params !== 'object') return fail('', 'project takes an object of parameters');
      const p = call(core._rl_project, { ...params, date: dated(params.date) });
      return withFormatted(p, p.currency, [['unredeemedMinor', 'unredeemedFormatted'], ['refundsPaidMinor', 'refundsPaidFormatted']]);
    },
    factors: () => raw(core._rl_factors),
    modelInfo: () => raw(core._rl_model_info),
  };
  return api;
}
