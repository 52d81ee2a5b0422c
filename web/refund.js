// "My refund": a household's containers per week under one jurisdiction's scheme -> a year of deposits, refunds,
// money left on the table, CO2e, energy and equivalents, each with how it is computed and its source.
import { HOUSEHOLDS, KINDS, WEEKS_PER_YEAR, formatLocale, language, localText, t, $, clear, el } from './page-kit.js';
import { byEnglishName } from './name-order.js';

export function schemeName(s) {
  return language() === 'zh' && s.nameZh ? s.nameZh : s.name;
}

// Case- and accent-insensitive match on both names, the id and the country code.
function matches(s, q) {
  if (!q) return true;
  const norm = (x) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const needle = norm(q.trim());
  return [s.name, s.nameZh, s.id, s.country].some((x) => x && norm(x).includes(needle));
}

export function createRefund({ rl, root, state, onChange }) {
  const select = $('#j', root);
  const search = $('#j-search', root);
  const kindsBox = $('#kinds', root);
  const rate = $('#rate', root);
  const rateOut = $('#rate-out', root);
  const rateHint = $('#rate-hint', root);
  const errorBanner = $('#refund-error', root);
  const glance = $('#glance', root);
  let schemes = [];      // the preset list: id, names, country, currency, status (the files' own fields)
  const summaries = {};  // id -> the core's summary of a loaded scheme (rules, rates, sources, in force today)
  let last = null;  // the last household answer, for relabelling on a language switch
  const MAX_PER_WEEK = rl.limits().containersPerWeek;  // the core's limit, as it checks it

  // [SECTION] Jurisdiction list, grouped by each file's status (the core decides the rest once a file is loaded)
  function fillSchemes(list) {
    schemes = list;
    renderOptions();
  }
  function renderOptions() {
    const q = search.value;
    // In the order of the names shown: the list comes in the Chinese names' order; English sorts without Intl.
    const matching = schemes.filter((s) => matches(s, q) || s.id === state.scheme);
    const shown = language() === 'zh' ? matching : matching.sort(byEnglishName);
    clear(select);
    const groups = [
      [t('status_in_force'), shown.filter((s) => s.status === 'in_force')],
      [t('status_planned'), shown.filter((s) => s.status === 'planned' || s.status === 'uncertain')],
      [t('groupHypothetical'), shown.filter((s) => s.status === 'hypothetical')],
    ];
    for (const [label, items] of groups) {
      if (!items.length) continue;
      const g = el('optgroup', { label });
      for (const s of items) g.append(el('option', { value: s.id }, `${schemeName(s)} (${s.country})`));
      select.append(g);
    }
    select.value = state.scheme;
    const count = shown.filter((s) => matches(s, q)).length;
    $('#j-count', root).textContent = q && count === 0 ? t('noMatch', { q }) : t('schemeCount', { shown: count, total: schemes.length });
  }
  // The selected scheme's file is loaded first (once); then the core computes.
  async function choose(id) {
    state.scheme = id;
    state.share = null;
    await rl.loadSchemes([id]);
    if (state.scheme !== id) return;  // another choice came in meanwhile
    compute();
    onChange();
  }
  function summaryOf(id) {
    if (!summaries[id] && rl.isLoaded(id)) {
      const list = rl.schemes();
      if (Array.isArray(list)) for (const s of list) summaries[s.id] = s;
    }
    return summaries[id];
  }
  function renderSchemeInfo(s) {
    const box = $('#j-summary', root);
    clear(box);
    box.append(el('span', { class: `badge ${s.status}` }, t(`status_${s.status}`)));
    if (s.started) box.append(el('span', { class: 'hint' }, `${t('startedOn', { date: s.started })} · `));
    box.append(el('span', { 'data-text': '' }, localText(s, 'summary', `scheme:${s.id}`)));
  }

  // [SECTION] Container rows (the markup ships them, so nothing moves when the core arrives)
  function kindMeta(k) {
    return t('kindMeta', { volume: k.container.volumeMl, material: t('mat_' + k.container.material) });
  }
  function renderKinds() {
    for (const k of KINDS) {
      $(`#k-${k.id}`, root).value = String(state.counts[k.id] || 0);
      $(`#k-${k.id}-meta`, root).textContent = kindMeta(k);
    }
  }
  function fieldError(kindId, key) {
    const p = $(`#k-${kindId}-err`, root);
    const input = $(`#k-${kindId}`, root);
    p.hidden = !key;
    p.textContent = key ? t(key, { max: rl.formatNumber(MAX_PER_WEEK, formatLocale()) }) : '';
    if (key) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  // A count as typed: {value}, {error: the message's key} or {pending} (empty means 0). The core reads it ("1,000",
  // "６", "3万"); the first view's module does not carry that parser (the first load's budget), so bare digits are
  // taken as they are and any other text waits for the full module, fetched the first time one is typed.
  const COUNT_ERRORS = { negative: 'errNegative', above_max: 'errTooMany' };
  function countOf(text) {
    const s = String(text).trim();
    if (s === '') return { value: 0 };
    if (/^\d{1,9}$/.test(s)) return Number(s) > MAX_PER_WEEK ? { error: 'errTooMany' } : { value: Number(s) };
    if (!rl.isFull()) {
      rl.full().then(compute);
      return { pending: true };
    }
    const r = rl.parseCount(s, MAX_PER_WEEK);
    if (!r.error) return { value: r.value };
    return r.error.code === 'empty_text' ? { value: 0 } : { error: COUNT_ERRORS[r.error.code] || 'errNotNumber' };
  }

  // Reads every row; a row with bad input keeps its message and the figures wait for a fix.
  function readCounts() {
    let result = 'ok';
    for (const k of KINDS) {
      const parsed = countOf($(`#k-${k.id}`, root).value);
      fieldError(k.id, parsed.error);
      if (parsed.error) result = 'bad';
      else if (parsed.pending) result = result === 'bad' ? 'bad' : 'pending';
      else state.counts[k.id] = parsed.value;
    }
    return result;
  }

  // [SECTION] Compute and render
  function compute() {
    const scheme = summaryOf(state.scheme);
    if (!scheme) return;
    performance.mark('recompute-start');
    // The refillable bottle row shows only where the scheme has a refillable deposit, and counts nothing elsewhere.
    for (const node of root.querySelectorAll('[data-refill]')) node.hidden = !scheme.refillable;
    const counts = readCounts();
    errorBanner.hidden = counts !== 'bad';
    errorBanner.textContent = counts === 'bad' ? t('errFieldsToFix') : '';
    if (counts === 'bad') glance.textContent = errorBanner.textContent;
    if (compare) compare.then((c) => c.update(counts === 'ok'));
    if (counts !== 'ok') return;  // pending: computed again once the core's parser is in
    render(scheme, ask(scheme));
    performance.measure('recompute', 'recompute-start');
  }

  // The household's year under a scheme (its summary), as the core computes it.
  function ask(scheme) {
    return rl.household({
      scheme: scheme.id,
      lines: KINDS.map((k) => ({ container: k.container, count: k.container.refillable && !scheme.refillable ? 0 : state.counts[k.id] || 0, per: 'week' })),
      returnRate: state.share === null ? null : state.share / 100,
      locale: formatLocale(),  // the core words the figures (h.text)
    });
  }

  // A problem the core found in the household (rare: the form checks its counts first), worded by errors.js, which
  // is loaded only then; a line's problem is named by its container, as the form names it.
  async function showCoreError(h) {
    const e = h.error;
    errorBanner.hidden = false;
    const kind = e.list === 'lines' ? KINDS[e.index] : null;
    if (kind) fieldError(kind.id, 'errTooMany');
    const { errorMessage, errorText, stringsReady } = await import('./errors.js');
    await stringsReady;
    if (last.h !== h) return;  // a newer answer has replaced this one
    errorBanner.textContent = kind ? `${t(`kind_${kind.id}`)}${t('errFieldSep')}${errorMessage(e)}` : errorText(e);
  }

  function render(scheme, h) {
    last = { scheme, h };
    renderSchemeInfo(scheme);
    if (h.error) {
      glance.textContent = t('errFieldsToFix');
      showCoreError(h);
      return;
    }
    const text = h.text;  // every figure, worded by the core in the page's locale
    glance.textContent = t('glance', { deposits: text.deposits, refund: text.refund, share: text.rate });
    rate.value = String(state.share === null ? Math.round(h.returnRate.rate * 100) : state.share);
    rateOut.textContent = text.rate;
    rateHint.textContent = h.returnRate.basis === 'user' ? t('rateUser')
      : h.returnRate.basis === 'observed' ? t('rateFromObserved', { name: schemeName(scheme), rate: text.rate, year: h.returnRate.year })
      : t('rateFromModel', { name: schemeName(scheme), rate: text.rate, low: text.rateLow, high: text.rateHigh });

    $('#r-deposits', root).textContent = text.deposits;
    $('#r-refund', root).textContent = text.refund;
    $('#r-left', root).textContent = text.leftOnTable;
    $('#r-deposits-sub', root).textContent = t('perYearOn', { n: text.coveredPerYear });
    $('#r-refund-sub', root).textContent = t('refundAt', { share: text.rate });
    $('#r-left-sub', root).textContent = t('leftSub', { share: text.notReturned });
    $('#r-co2', root).textContent = text.kgCo2e;
    $('#r-energy', root).textContent = text.kwh;
    $('#year-sub', root).textContent = t('yearSub', { n: text.containersPerYear, date: h.date });

    const eq = $('#r-equivalents', root);
    clear(eq);
    h.impact.equivalents.slice(0, 3).forEach((e, i) => {
      eq.append(el('li', {}, el('strong', {}, text.equivalents[i]), ` ${t('eq_' + e.id) === 'eq_' + e.id ? e.name : t('eq_' + e.id)}`));
    });
    if (!h.impact.equivalents.length) eq.append(el('li', {}, '—'));

    h.lines.forEach((l, i) => {
      const k = KINDS[i];
      const row = $(`#lines tr[data-kind="${k.id}"]`, root);
      row.querySelector('.kind-sub').textContent = kindMeta(k);
      const cells = row.querySelectorAll('td');
      ['colYear', 'colEach', 'colTotal'].forEach((key, j) => { cells[j].dataset.label = t(key); });  // a phone's stacked rows
      const lineText = text.lines[i];
      cells[0].textContent = lineText.perYear;
      cells[1].textContent = l.eligible ? lineText.amount : t('reason_' + l.reason);
      cells[1].classList.toggle('muted', !l.eligible);
      cells[2].textContent = lineText.deposits;
      const meta = $(`#k-${k.id}-meta`, root);
      meta.textContent = `${kindMeta(k)} · `;
      meta.append(l.eligible ? t('depositEach', { amount: lineText.amount }) : el('span', { class: 'no' }, t('noDeposit')));
    });
    explain(scheme, h);
  }

  // "How a deposit works", and how each figure is computed with its sources (modules loaded after the first figures,
  // drawn from this answer).
  function explain(scheme, h) {
    const fresh = () => last.h === h;
    import('./explainer.js').then((m) => m.explain($('#explainer', root), h, schemeName(scheme), fresh));
    import('./impact-how.js').then((m) => m.explainImpact({ rl, root, scheme, place: schemeName(scheme), h, fresh }));
  }

  // "Compare" (web/compare.js) loads the first time its panel opens, and asks the core through ask().
  let compare = null;
  const comparePanel = $('#compare', root);
  comparePanel.addEventListener('toggle', () => {
    compare ||= import('./compare.js').then((m) => m.createCompare({ rl, root: comparePanel, state, schemes, summaryOf, ask }));
  });

  // [SECTION] Events
  select.addEventListener('change', () => choose(select.value));
  search.addEventListener('input', () => {
    renderOptions();
    // The first listed match (the current scheme stays listed even when it does not match).
    const first = [...select.options].find((o) => matches(schemes.find((s) => s.id === o.value), search.value));
    if (search.value && first && !schemes.some((s) => s.id === state.scheme && matches(s, search.value))) {
      select.value = first.value;
      choose(first.value);
    }
  });
  kindsBox.addEventListener('input', () => {
    compute();
    onChange();
  });
  root.querySelector('#refund-form').addEventListener('click', (ev) => {
    const b = ev.target.closest('[data-preset]');
    if (!b) return;
    Object.assign(state.counts, HOUSEHOLDS[b.dataset.preset]);
    for (const k of KINDS) $(`#k-${k.id}`, root).value = String(state.counts[k.id]);
    compute();
    onChange();
  });
  rate.addEventListener('input', () => {
    state.share = Number(rate.value);
    compute();
    onChange();
  });
  $('#rate-reset', root).addEventListener('click', () => {
    state.share = null;
    compute();
    onChange();
  });

  return {
    fillSchemes,
    renderKinds,
    compute,
    relabel() {
      renderOptions();
      renderKinds();
      compute();
    },
    current: () => last,
    weeksPerYear: WEEKS_PER_YEAR,
  };
}
