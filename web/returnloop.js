// ReturnLoop's JS API over the WASM core (web/bindings.cpp): default export createReturnLoop(), for browsers and node.
// Every call sends JSON to one exported C function and parses the JSON answer; failures come back as
// {error: {path, message}} values, never as exceptions or WASM traps. Documented in returnloop.d.ts.
// The modules carry no data. They start with data/start.json (the preset list) and data/start.bin (the figures'
// data; start-full.bin adds the factor tables' descriptive texts, for the full module), and load each
// preset when it is first needed: data/schemes/<id>.bin. The .bin files are the core's snapshots of the JSON files
// beside them (data/schemes/<id>.json as published, data/factors/, data/model/), written when the page was built by
// the full module after it validated every file; from: 'json' loads the JSON files themselves instead.
// Two builds of the same core: returnloop-full (every call, the default) and returnloop-core (the first view's
// calls: scheme summaries, a household's year with its figures worded), which a page starts with (lite: true) and swaps for the
// full one with full() when it needs more.
import createLite from './returnloop-core.js';
import { builtName } from './built-names.js';

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


// Reads a file of the data folder as bytes: fetch in a browser, the file system under node. The folder beside this
// file names its files by content hash (builtName); any other folder by their plain names.
function fileReader(base, named) {
  if (isNode) {
    return async (path) => new Uint8Array(await (await import('node:fs/promises')).readFile(new URL(named(path), base)));
  }
  return async (path) => {
    const response = await fetch(new URL(named(path), base));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/**
 * Starts the core. options.lite: start with the first view's module (see full()); options.from: 'snapshot' (the
 * default) or 'json' (the full module reads the JSON files and validates them itself); options.data: the data
 * folder's URL, its files under their plain names (default: ../data/ beside this file, as built: content-hashed names);
 * options.read(path): a reader given the plain names (start.json, schemes/de.bin), resolving to the bytes
 * (a Uint8Array, ArrayBuffer or string); options.schemes: preset ids to load at once; options.locale.
 */
export default async function createReturnLoop(options = {}) {
  const reader = options.read || (options.data ? fileReader(options.data, (p) => p) : fileReader(new URL('../data/', import.meta.url), builtName));
  const readBytes = async (path) => {
    const b = await reader(path);
    return typeof b === 'string' ? encoder.encode(b) : new Uint8Array(b);
  };
  const readText = async (path) => decoder.decode(await readBytes(path));
  const fromJson = options.from === 'json';
  if (fromJson && options.lite) throw new Error('the first view\'s module reads snapshots only: leave out lite or from: \'json\'');
  async function instantiate(full, given = {}) {
    const moduleOptions = {};
    if (given.wasmBinary) moduleOptions.wasmBinary = given.wasmBinary;  // the one module option the glue reads
    if (isNode && !moduleOptions.wasmBinary) {
      // Emscripten 3.1.6's glue cannot find its .wasm from an ES module under node; read it for it.
      const { readFile } = await import('node:fs/promises');
      moduleOptions.wasmBinary = await readFile(new URL(builtName(full ? 'returnloop-full.wasm' : 'returnloop-core.wasm'), import.meta.url));
    }
    const create = full ? (await import('./returnloop-full.js')).default : createLite;
    return create(moduleOptions);
  }
  // The preset list, then the presets asked for up front (ids the list has) and the start data, while the module compiles.
  const schemeFile = (id) => `schemes/${id}.${fromJson ? 'json' : 'bin'}`;
  const early = new Map();
  const starting = readText('start.json').then(JSON.parse).then((list) => {
    for (const id of options.schemes || []) {
      if (list.presets.some((p) => p.id === id)) early.set(id, readBytes(schemeFile(id)).catch(() => null));
    }
    return list;
  });
  let isFull = !options.lite;
  // The first view's module needs only the figures' data (start.bin); the full one also the factor tables' texts.
  const startFiles = fromJson ? (await import('./start-json.js')).default : [isFull ? 'start-full.bin' : 'start.bin'];
  const startData = Promise.all(startFiles.map(readBytes));
  const [firstCore, start, startBytes] = await Promise.all([instantiate(isFull, options), starting, startData]);
  let core = firstCore;
  let locale = options.locale || 'en-US';

  function readCString(ptr) {
    const heap = core.HEAPU8;
    let end = ptr;
    while (heap[end] !== 0) end++;
    return decoder.decode(heap.subarray(ptr, end));
  }

  // Calls an exported rl_* function with its arguments (a string is passed NUL-terminated, bytes as pointer and
  // length) and parses its JSON answer.
  function raw(fn, ...args) {
    if (typeof fn !== 'function') return fail('', 'this call needs the full module: await full() first');
    const ptrs = [];
    const params = [];
    try {
      for (const arg of args) {
        const bytes = typeof arg === 'string' ? encoder.encode(arg) : arg;
        const ptr = core._malloc(bytes.length + 1);
        if (!ptr) return fail('', 'out of memory');
        ptrs.push(ptr);
        core.HEAPU8.set(bytes, ptr);
        core.HEAPU8[ptr + bytes.length] = 0;
        params.push(ptr);
        if (typeof arg !== 'string') params.push(bytes.length);
      }
      return JSON.parse(readCString(fn(...params)));
    } catch (e) {
      return fail('', `internal error in the core: ${e && e.message ? e.message : e}`);
    } finally {
      for (const ptr of ptrs) core._free(ptr);
    }
  }
  const call = (fn, args) => raw(fn, toJson(args));
  const dated = (date) => (date === undefined || date === null ? todayIso() : date);

  // [SECTION] Data: problems found in the data files (empty in a good build), and the presets loaded so far.
  const loadErrors = [];
  // Hands one data file to the core: a JSON text by its name under assets/, or a snapshot's bytes.
  const feed = (name, bytes) => (fromJson ? raw(core._rl_load, name, decoder.decode(bytes)) : raw(core._rl_load_snapshot, bytes));
  function load(name, bytes) {
    const answer = feed(name, bytes);
    const errors = answer.error ? [answer.error] : answer.errors;
    loadErrors.push(...errors.map((e) => (fromJson ? e : { path: `${name}: ${e.path}`, message: e.message })));
    return answer;
  }
  // The what-if's sourced starting figures (whatIfDefaults): a JSON file the full module reads and checks itself.
  const WHAT_IF = 'china/deposit-context.json';
  const loadWhatIf = (text) => loadErrors.push(...raw(core._rl_load, WHAT_IF, text).errors);
  const loaded = new Map();      // id -> the bytes the core has for the preset (replayed into the full module)
  let upgrading = null;
  // Swaps in the full module: it gets the complete start data and every preset loaded so far first.
  function upgrade() {
    if (isFull) return Promise.resolve();
    if (!upgrading) {
      upgrading = Promise.all([instantiate(true), readBytes('start-full.bin'), readText(WHAT_IF)]).then(([full, complete, whatIf]) => {
        core = full;
        load('start-full.bin', complete);
        loadWhatIf(whatIf);
        for (const [id, bytes] of loaded) feed(schemeFile(id), bytes);
        isFull = true;
      });
      upgrading.catch(() => { upgrading = null; });  // a later call tries again (the network may be back)
    }
    return upgrading;
  }
  startBytes.forEach((bytes, i) => load(startFiles[i], bytes));
  if (isFull) loadWhatIf(await readText(WHAT_IF));
  const presets = start.presets;  // [{id, name, nameZh, country, currency, status}]: the files' own fields, by Chinese name
  const known = new Set(presets.map((p) => p.id));
  const pending = new Map();      // id -> the load in progress
  const texts = new Map();        // id -> the published JSON file, once asked for

  // Resolves to undefined once the core has the preset, or to the problem ({path, message}) that stopped it.
  function loadScheme(id) {
    if (loaded.has(id)) return Promise.resolve();
    if (!known.has(id)) return Promise.resolve({ path: 'scheme', message: `unknown scheme id ${JSON.stringify(String(id).slice(0, 40))}` });
    if (!pending.has(id)) {
      const name = schemeFile(id);
      const bytes = (early.get(id) || Promise.resolve(null)).then((b) => b || readBytes(name));
      pending.set(id, bytes.then((b) => {
        const answer = load(name, b);
        if (answer.ok) loaded.set(id, b);
        return answer.ok ? undefined : (answer.error || answer.errors[0]);
      }, (e) => {
        const problem = { path: name, message: `could not be read (${e && e.message ? e.message : e})` };
        loadErrors.push(problem);
        pending.delete(id);  // a later call tries again (the network may be back)
        return problem;
      }));
    }
    return pending.get(id);
  }
  await Promise.all([...early.keys()].filter((id) => known.has(id)).map(loadScheme));

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
    /** Problems found in the data files loaded so far (empty in a good build). */
    initErrors: loadErrors,
    version: () => raw(core._rl_version),
    locale: () => locale,
    setLocale(tag) {
      locale = String(tag);
      return locale;
    },
    /** Every preset as listed in data/start.json: id, name, nameZh, country, currency, status (loaded or not), in
     * the order of the Chinese names (pinyin). */
    presets: () => presets,
    /** Loads presets' scheme files (all without ids); resolves to the problems met, [] when the core has them all. */
    async loadSchemes(ids = presets.map((p) => p.id)) {
      return (await Promise.all(ids.map(loadScheme))).filter(Boolean);
    },
    isLoaded: (id) => loaded.has(id),
    /** Whether every call is available now (the full module is in). */
    isFull: () => isFull,
    /** Resolves once every call is available (the full module, when the page started with the first view's). */
    async full() {
      await upgrade();
      return api;
    },
    /** Summaries of the loaded presets, decided by the core for the date (in force, rules, rates, sources). */
    schemes: (date) => call(core._rl_schemes, { date: dated(date) }),
    /** A preset's file as published (for the editor): resolves to its text, or to an error value. */
    async schemeSource(schemeId) {
      if (!known.has(schemeId)) return fail('scheme', 'unknown scheme id');
      if (!texts.has(schemeId)) {
        try {
          texts.set(schemeId, await readText(`schemes/${schemeId}.json`));
        } catch (e) {
          return fail('scheme', `${schemeId}.json could not be read (${e && e.message ? e.message : e})`);
        }
      }
      return texts.get(schemeId);
    },
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
    /** A count as a person typed it ("1,000", "１２３", "3万", "1410亿"), at most max: {value} or {error}. */
    parseCount: (text, max) => call(core._rl_parse_count, max === undefined ? { text: String(text) } : { text: String(text), max }),
    predictReturnRate(schemeIdOrWhatIf, date) {
      if (schemeIdOrWhatIf && typeof schemeIdOrWhatIf === 'object') {
        const whatIf = { year: Number(dated(date).slice(0, 4)), ...schemeIdOrWhatIf };
        return call(core._rl_predict_return_rate, { whatIf });
      }
      return call(core._rl_predict_return_rate, { scheme: schemeIdOrWhatIf, date: dated(date) });
    },
    household(params = {}) {
      if (!params || typeof params !== 'object') return fail('', 'household takes an object of parameters');
      return call(core._rl_household, { locale, ...params, date: dated(params.date) });
    },
    project(params = {}) {
      if (!params || typeof params !== 'object') return fail('', 'project takes an object of parameters');
      const p = call(core._rl_project, { ...params, date: dated(params.date) });
      return withFormatted(p, p.currency, [['unredeemedMinor', 'unredeemedFormatted'], ['refundsPaidMinor', 'refundsPaidFormatted']]);
    },
    /** The what-if's starting figures for a scheme id (full module): {jurisdiction, sourced, population,
     * containersPlaced, containersPerPerson}, each {value, sourceId, year, assumption}; sourced: false where none are. */
    whatIfDefaults: ({ jurisdiction } = {}) => call(core._rl_what_if_defaults, { jurisdiction }),
    factors: () => raw(core._rl_factors),
    /** The core's id lists (materials, categories, currencies, statuses, scopes, qualities) and limits (full module). */
    tables: () => raw(core._rl_tables),
    /** The core's input limits ({containersPerWeek}), from data/start.json: the build asked the core for them. */
    limits: () => start.limits,
    modelInfo: () => raw(core._rl_model_info),
  };
  return api;
}
