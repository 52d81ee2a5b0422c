// Scheme editor: a form over the scheme JSON format (assets/schemes/README.md). The core validates every change;
// its errors are shown at the field their path names. Import and export the same file the kiosk loads.
import { KINDS, addStrings, formatLocale, t, el, clear, debounce } from './page-kit.js';
import strings from './i18n/en-editor.js';
import { errorMessage, errorText, stringsReady as errorStringsReady } from './errors.js';

// The section's markup below its intro (index.html carries only the first view's in full).
export { default as markup } from './sections/editor.html';

// Resolves once the section's strings are usable in the current language (app.js waits for it).
export const stringsReady = Promise.all([addStrings(strings, () => import('./i18n/zh-editor.js')), errorStringsReady]);

// Field descriptions: [key, kind, required]. kind: text, int, decimal, money (typed in major units, "0.25"; the file
// keeps minor units), date, bool, area, select list. The lists are the core's (rl.tables()): the form offers what it accepts.
function fieldTables({ materials, categories, currencies, statuses, scopes, qualities }) {
  const TOP_FIELDS = [
    ['id', 'text'], ['name', 'text'], ['nameZh', 'text'], ['country', 'text'], ['currency', currencies],
    ['status', statuses], ['started', 'date'], ['returnToRetail', 'bool'], ['operator', 'text'], ['summary', 'area'], ['summaryZh', 'area'], ['notes', 'area'],
  ];
  const RULE_FIELDS = [
    ['id', 'text'], ['from', 'date'], ['until', 'date'], ['materials', materials, 'multi'], ['categories', categories, 'multi'],
    ['containers', scopes], ['minMl', 'int'], ['maxMl', 'int'], ['depositMinor', 'money'], ['refundMinor', 'money'],
    ['nonRefundableFeeMinor', 'money'], ['handlingFee', 'text'], ['source', 'text'], ['note', 'text'],
  ];
  const SOURCE_FIELDS = [['id', 'text'], ['title', 'text'], ['titleZh', 'text'], ['url', 'text', 'keep'], ['year', 'int'], ['quality', qualities]];  // url may be "" (print)
  const RATE_FIELDS = [['year', 'int'], ['rate', 'decimal'], ['source', 'text'], ['note', 'text']];
  return { TOP_FIELDS, LISTS: { rules: RULE_FIELDS, sources: SOURCE_FIELDS, returnRates: RATE_FIELDS } };
}

const BLANK = {
  id: 'xx', name: 'Draft scheme', nameZh: '草案', country: 'XX', currency: 'USD', status: 'hypothetical', returnToRetail: true,
  summary: 'A draft: replace with the rules of the law or regulation.', summaryZh: '草案：请替换为法律或法规的规则。',
  rules: [{ id: 'standard', from: '2025-01-01', materials: ['pet', 'aluminium', 'glass'], categories: ['water', 'soft_drink', 'juice', 'beer'], containers: 'single_use', minMl: 150, maxMl: 3000, depositMinor: 10, source: 'src' }],
  sources: [{ id: 'src', title: 'Draft: name the law or regulation here', titleZh: '草案：在此填写法律或法规名称', url: '', year: 2025, quality: 'official' }],
};

// The draft survives a reload in this browser (localStorage) and travels in a link (#ed-<base64url of the JSON>).
const DRAFT_KEY = 'returnloop.draft';
const LINK_PREFIX = '#ed-';
function toLink(json) {
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return LINK_PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
/** The draft a link carries: its JSON text, or null when the link's text is not a readable draft. */
export function draftFromLink(hash) {
  if (!hash.startsWith(LINK_PREFIX)) return null;
  try {
    const binary = atob(hash.slice(LINK_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
function storage(action) {
  try {
    return action(localStorage);
  } catch {
    return null;  // storage blocked: the draft lasts for this visit
  }
}

export function createEditor({ rl, root, onStatus }) {
  const form = root.querySelector('#ed-form');
  const summary = root.querySelector('#ed-problems');
  const jsonArea = root.querySelector('#ed-json');
  const checkBody = root.querySelector('#ed-check tbody');
  const presetSelect = root.querySelector('#ed-preset');
  let scheme = structuredClone(BLANK);  // the document being edited: the form's values, raw where unparsable
  let lastUserId = '';
  const { TOP_FIELDS, LISTS } = fieldTables(rl.tables());

  // [SECTION] Form <-> document
  function toValue(kind, text, checked, keepEmpty, currency) {
    if (kind === 'bool') return checked;
    const s = text.trim();
    if (s === '') return keepEmpty ? '' : undefined;
    if (kind === 'money') {
      const m = rl.parseMoney(s, currency);  // the core reads the amount ("0.25", "０．２５") in the scheme's currency
      return m.error ? s : m.amountMinor;
    }
    if (kind === 'int' && /^-?\d+$/.test(s)) return Number(s);
    if (kind === 'decimal' && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    return s;  // kept as typed: the core names the wrong type at its path
  }
  // An amount an error names (minor units, in the draft's currency unless named), as the reader writes money: "€0.30".
  function money(minor, currency = scheme.currency) {
    const s = rl.formatMoney(minor, currency, formatLocale());
    return typeof s === 'string' ? s : String(minor);
  }
  // Minor units as the major amount a person types ("0.25" for 25 cents), exactly: digits, not floating point.
  function majorText(minor, currency) {
    const unit = rl.parseMoney('1', currency);
    const places = unit.error ? 2 : String(unit.amountMinor).length - 1;
    if (!places) return String(minor);
    const digits = String(Math.abs(minor)).padStart(places + 1, '0');
    return `${minor < 0 ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
  }
  function fieldId(path) {
    return `ed-${path.replace(/[^\w]+/g, '-')}`;
  }
  function label(key) {
    return t(`ed_${key}`);
  }

  function fieldFor(path, key, kind, value, mode) {
    const id = fieldId(path);
    const wrap = el('div', { class: 'field', 'data-path': path });
    const err = el('p', { class: 'field-error', id: `${id}-err`, hidden: '' });
    if (mode === 'multi') {
      const set = el('fieldset', { class: 'checks', id, 'aria-describedby': `${id}-err` });
      set.append(el('legend', { class: 'label' }, label(key)));
      const values = Array.isArray(value) ? value : [];
      for (const option of kind) {
        const cid = `${id}-${option}`;
        const box = el('input', { type: 'checkbox', id: cid, value: option, 'data-key': key });
        box.checked = values.includes(option);
        set.append(el('span', { class: 'check' }, box, el('label', { for: cid }, t(`${key === 'materials' ? 'mat' : 'cat'}_${option}`))));
      }
      // Values the checkboxes cannot show (a typo in an imported file) are kept so the core can name them.
      set.dataset.extra = JSON.stringify(values.filter((v) => !kind.includes(v)));
      wrap.append(set, err);
      return wrap;
    }
    let input;
    if (Array.isArray(kind)) {
      input = el('select', { class: 'input select', id });
      const known = kind.includes(value);
      if (!known && value !== undefined) input.append(el('option', { value: String(value) }, String(value)));
      for (const option of kind) input.append(el('option', { value: option }, key === 'currency' ? option : t(`${key}_${option}`)));
      input.value = value === undefined ? kind[0] : String(value);
    } else if (kind === 'bool') {
      input = el('input', { type: 'checkbox', id });
      input.checked = value === true;
      wrap.classList.add('check');
      wrap.append(input, el('label', { for: id }, label(key)), err);
      input.dataset.kind = kind;
      input.setAttribute('aria-describedby', `${id}-err`);
      return wrap;
    } else if (kind === 'area') {
      input = el('textarea', { class: 'input', id, rows: '2' });
      input.value = value === undefined ? '' : String(value);
    } else {
      const attrs = { class: 'input', id, type: 'text', autocomplete: 'off', spellcheck: 'false' };
      if (kind === 'int') attrs.inputmode = 'numeric';
      if (kind === 'decimal' || kind === 'money') attrs.inputmode = 'decimal';
      if (kind === 'date') attrs.placeholder = t('edDateFormat');
      input = el('input', attrs);
      input.value = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value)
        : kind === 'money' && Number.isInteger(value) ? majorText(value, scheme.currency) : String(value);
    }
    input.dataset.kind = Array.isArray(kind) ? 'text' : kind;
    if (mode === 'keep') input.dataset.keep = '';
    input.setAttribute('aria-describedby', `${id}-err`);
    wrap.append(el('label', { class: 'label', for: id }, label(key)), input, err);
    return wrap;
  }

  function renderForm() {
    clear(form);
    const general = el('fieldset', { class: 'group' }, el('legend', {}, t('edGeneral')));
    const grid = el('div', { class: 'form-grid' });
    for (const [key, kind] of TOP_FIELDS) grid.append(fieldFor(key, key, kind, scheme[key]));
    general.append(grid);
    form.append(general);
    for (const [list, fields] of Object.entries(LISTS)) {
      const group = el('fieldset', { class: 'group', 'data-path': list }, el('legend', {}, t(`edList_${list}`)));
      const items = Array.isArray(scheme[list]) ? scheme[list] : [];
      items.forEach((item, i) => {
        const path = `${list}[${i}]`;
        const card = el('fieldset', { class: 'item', 'data-path': path });
        // Numbered as the errors name them ("Rule 6"), then the entry's id, a code the file uses.
        const legend = el('legend', {}, t(`errAt_${list}`, { n: i + 1 }));
        if (item && item.id) legend.append(t('errFieldSep'), el('code', {}, String(item.id)));
        card.append(legend);
        const g = el('div', { class: 'form-grid' });
        for (const [key, kind, mode] of fields) g.append(fieldFor(`${path}.${key}`, key, kind, item ? item[key] : undefined, mode));
        card.append(g, el('p', { class: 'field-error', id: `${fieldId(path)}-err`, hidden: '' }));
        card.append(el('button', { type: 'button', class: 'link-btn danger', 'data-remove': path }, t('edRemove')));
        group.append(card);
      });
      group.append(el('p', { class: 'field-error', id: `${fieldId(list)}-err`, hidden: '' }));
      group.append(el('button', { type: 'button', class: 'btn ghost small', 'data-add': list }, t(`edAdd_${list}`)));
      form.append(group);
    }
  }

  // Reads the form back into the document, keeping fields the form does not show (an unknown key stays, so the
  // core reports it rather than the editor silently dropping it).
  function readForm() {
    const next = structuredClone(scheme);
    const currencyField = form.querySelector('#ed-currency');
    const currency = currencyField ? currencyField.value : scheme.currency;
    for (const input of form.querySelectorAll('[data-kind]')) {
      const path = input.closest('[data-path]').dataset.path;
      setPath(next, path, toValue(input.dataset.kind, input.value, input.checked, 'keep' in input.dataset, currency));
    }
    for (const set of form.querySelectorAll('fieldset.checks')) {
      const path = set.closest('[data-path]').dataset.path;
      const checked = [...set.querySelectorAll('input:checked')].map((b) => b.value);
      setPath(next, path, [...checked, ...JSON.parse(set.dataset.extra || '[]')]);
    }
    return next;
  }

  function setPath(obj, path, value) {
    const parts = path.match(/[^.[\]]+/g);
    let o = obj;
    for (let i = 0; i < parts.length - 1; i++) o = o[/^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i]];
    const last = parts[parts.length - 1];
    if (value === undefined) delete o[last];
    else o[last] = value;
  }

  function text() {
    return `${JSON.stringify(scheme, null, 2)}\n`;
  }

  // [SECTION] Validation by the core, errors at their fields
  function showErrors(errors) {
    for (const p of form.querySelectorAll('.field-error')) {
      p.hidden = true;
      p.textContent = '';
    }
    for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
    const unplaced = [];
    for (const e of errors) {
      const target = placeError(e);
      if (!target) unplaced.push(e);
    }
    clear(summary);
    if (errors.length === 0 && JSON.stringify(scheme) === JSON.stringify(BLANK)) {
      // Untouched, the blank draft's placeholders check out but describe no law: not something to call valid.
      summary.hidden = false;
      summary.className = 'summary';
      summary.append(el('p', {}, t('edDraftBlank')));
      return;
    }
    if (errors.length === 0) {
      summary.hidden = false;
      summary.className = 'summary ok';
      const [before, after] = t('edValid', { id: '\u0000' }).split('\u0000');
      summary.append(el('p', {}, before, el('code', {}, scheme.id || ''), after));
      return;
    }
    summary.hidden = false;
    summary.className = 'summary bad';
    summary.append(el('p', { class: 'summary-title' }, t(errors.length === 1 ? 'edProblemsOne' : 'edProblems', { n: errors.length })));
    const list = el('ul', {});
    for (const e of errors) {
      const target = findField(e);
      const where = e.list || e.field ? errorText(e, undefined, money) : `${t('edWholeFile')}${t('errFieldSep')}${e.text || errorMessage(e, money)}`;
      const text = e.prefix ? `${e.prefix} ${where}` : where;
      if (target && target.id) {
        const a = el('a', { href: `#${target.id}` }, text);
        a.addEventListener('click', (ev) => {
          ev.preventDefault();
          target.focus();
          target.scrollIntoView({ block: 'center' });
        });
        list.append(el('li', {}, a));
      } else {
        list.append(el('li', {}, text));
      }
    }
    summary.append(list);
    return unplaced;
  }

  // The form's path of an error's place (the core's list, entry and field; the form names its fields the same way).
  function placePath(e) {
    const entry = e.list && e.index >= 0 ? `${e.list}[${e.index}]` : e.list || '';
    return [entry, e.field].filter(Boolean).join('.');
  }

  // The nearest element for an error: its field, else its parent (an unknown field of rule 1 -> the rule's card).
  function findContainer(e) {
    let p = placePath(e);
    while (p) {
      const found = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (found) return found;
      const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (up === p) return null;
      p = up;
    }
    return null;  // the whole file (malformed JSON) or an unknown top-level key: the summary lists it
  }
  function findField(e) {
    const c = findContainer(e);
    if (!c) return null;
    return c.matches('fieldset') ? c.querySelector('input, select, textarea') || c : c.querySelector('input, select, textarea, fieldset');
  }
  function placeError(e) {
    const c = findContainer(e);
    if (!c) return null;
    const err = c.matches('fieldset.item, fieldset.group') ? c.querySelector(':scope > .field-error') : c.querySelector('.field-error');
    if (!err) return null;
    err.hidden = false;
    // At its own field the message stands alone; on a card or a list it says which field.
    const own = c.matches('.field') ? errorMessage(e, money) : errorText({ ...e, list: '', index: -1 }, undefined, money);
    err.textContent = err.textContent ? `${err.textContent} ${own}` : own;
    const input = c.matches('.field') ? c.querySelector('input, select, textarea, fieldset') : null;
    if (input) input.setAttribute('aria-invalid', 'true');
    return err;
  }

  function validate() {
    const result = rl.useScheme(text());
    if (result.error) return showErrors([result.error]);
    lastUserId = result.ok ? result.id : '';
    showErrors(result.errors);
    renderCheck();
    return result;
  }

  function renderCheck() {
    clear(checkBody);
    for (const kind of KINDS) {
      const name = t(`kind_${kind.id}`);
      if (!lastUserId) {
        checkBody.append(el('tr', {}, el('th', { scope: 'row' }, name), el('td', { class: 'num' }, '—'), el('td', {}, t('edFixFirst'))));
        continue;
      }
      const d = rl.deposit(lastUserId, kind.container);
      const rule = d.eligible && scheme.rules[d.ruleIndex];
      const why = d.error ? [errorMessage(d.error)] : d.eligible ? [t('errAt_rules', { n: d.ruleIndex + 1 }), ...(rule && rule.id ? [' ', el('code', {}, String(rule.id))] : [])] : [t(`reason_${d.reason}`)];
      checkBody.append(el('tr', {}, el('th', { scope: 'row' }, name), el('td', { class: 'num' }, d.eligible ? d.formatted : '—'), el('td', {}, ...why)));
    }
  }

  const onEdit = debounce(() => {
    const next = readForm();
    // A change event without a change (focus leaving an edited field, as when a failed import focuses its errors)
    // keeps what is shown: re-checking the unchanged form would replace those errors with "Valid".
    if (JSON.stringify(next) === JSON.stringify(scheme)) return;
    scheme = next;
    jsonArea.value = text();
    validate();
    saveDraft();
  }, 120);
  function saveDraft() {
    storage((s) => s.setItem(DRAFT_KEY, text()));
  }

  // [SECTION] Import, export, presets
  function load(jsonText, origin) {
    let parsed;
    try {
      parsed = JSON.parse(jsonText);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      // Not a JSON object: the core's parser names the position; the form keeps the last good document.
      const result = rl.validateScheme(jsonText);
      const errors = result.error ? [result.error] : result.errors.length ? result.errors : [{ path: '', text: t('edNotObject') }];
      jsonArea.value = jsonText;
      lastUserId = '';
      showErrors(errors.map((e) => ({ ...e, prefix: t('edImportFailed', { origin }) })));
      renderCheck();
      summary.focus();
      return false;
    }
    scheme = parsed;
    renderForm();
    jsonArea.value = text();
    saveDraft();
    const result = validate();
    if (!result || !result.ok) summary.focus();
    return true;
  }

  function exportFile() {
    scheme = readForm();
    const result = validate();
    // A kiosk refuses a scheme with problems: the file is not written until they are fixed.
    if (!result || !result.ok || JSON.stringify(scheme) === JSON.stringify(BLANK)) {
      onStatus(t('edExportBlocked'));
      summary.focus();
      return;
    }
    const blob = new Blob([text()], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `${scheme.id || 'scheme'}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    onStatus(t('edExported'));
  }

  function fillPresets(schemes, nameOf) {
    clear(presetSelect);
    presetSelect.append(el('option', { value: '' }, t('edBlank')));
    for (const s of schemes) presetSelect.append(el('option', { value: s.id }, nameOf(s)));
  }

  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('click', (ev) => {
    const add = ev.target.closest('[data-add]');
    const remove = ev.target.closest('[data-remove]');
    if (!add && !remove) return;
    scheme = readForm();
    if (add) {
      const list = add.dataset.add;
      if (!Array.isArray(scheme[list])) scheme[list] = [];
      scheme[list].push(list === 'rules' ? { ...structuredClone(BLANK.rules[0]), id: `rule-${scheme[list].length + 1}` } : {});
    } else {
      const [, list, index] = remove.dataset.remove.match(/^(\w+)\[(\d+)\]$/);
      scheme[list].splice(Number(index), 1);
    }
    renderForm();
    jsonArea.value = text();
    validate();
  });
  root.querySelector('#ed-validate').addEventListener('click', () => {
    scheme = readForm();
    jsonArea.value = text();
    validate();
    summary.focus();
  });
  root.querySelector('#ed-export').addEventListener('click', exportFile);
  root.querySelector('#ed-share').addEventListener('click', async () => {
    scheme = readForm();
    const url = `${location.origin}${location.pathname}${toLink(text())}`;
    try {
      await navigator.clipboard.writeText(url);
      onStatus(t('edLinkCopied'));
    } catch {
      onStatus(t('edLinkCopyFailed'));
    }
  });
  root.querySelector('#ed-json-apply').addEventListener('click', () => load(jsonArea.value, t('edFromText')));
  root.querySelector('#ed-load').addEventListener('click', async () => {
    const id = presetSelect.value;
    if (!id) return load(JSON.stringify(BLANK), '');
    const src = await rl.schemeSource(id);  // the file as published, fetched the first time
    if (typeof src === 'string') load(src, id);
    else showErrors([src.error]);
  });
  root.querySelector('#ed-file').addEventListener('change', async (ev) => {
    const file = ev.target.files && ev.target.files[0];
    if (!file) return;
    if (file.size > 2_000_000) {
      showErrors([{ path: '', message: t('edTooBig', { name: file.name }) }]);
      summary.focus();
      return;
    }
    load(await file.text(), file.name);
    ev.target.value = '';
  });

  return {
    // A draft from a link comes first (a link that cannot be read says so), then the one saved in this browser.
    start(linkedDraft) {
      if (linkedDraft !== undefined) {
        if (linkedDraft === null) {
          renderForm();
          jsonArea.value = text();
          showErrors([{ path: '', text: t('edLinkBroken') }]);
          renderCheck();
          return;
        }
        load(linkedDraft, t('edFromLink'));
        return;
      }
      const saved = storage((s) => s.getItem(DRAFT_KEY));
      if (saved && load(saved, t('edFromSaved'))) return;
      renderForm();
      jsonArea.value = text();
      validate();
    },
    fillPresets,
    relabel() {
      scheme = readForm();
      renderForm();
      validate();
    },
  };
}
