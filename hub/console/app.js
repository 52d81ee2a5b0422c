// The console's entry: log in (the session token lives in sessionStorage for this tab only), then one view per
// hash route, shown only when the role may see it; language switch re-renders the view with the hub's money
// formatting in that language.
import { hub, HubError } from './api.js';
import { h, today } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import { renderFleet } from './fleet.js';
import { renderDay, renderDayForm } from './day.js';
import { renderClearingForm, renderStatement } from './clearing.js';
import { renderVoucher, renderVoucherForm } from './vouchers.js';
import { renderOperator } from './operator.js';
import { renderRates } from './rates.js';

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('rl-console-token');
let me = null;

const get = (path, params = {}) => hub(`${path}?${new URLSearchParams({ ...params, lang: language() })}`, { token });

function fail(where, e) {
  if (e instanceof HubError && e.status === 401) return logout(t('error.expired'));
  where.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.code === 'network' ? t('error.network') : e.message));
}

const ROUTES = {
  fleet: async (view) => renderFleet(view, await get('/v1/console/fleet')),
  day: async (view) => renderDayForm(view, me, async (store, date, out) => {
    try { renderDay(out, await get('/v1/console/day', { store, date })); } catch (e) { fail(out, e); }
  }),
  clearing: async (view) => renderClearingForm(view, me, async (p, out) => {
    try { renderStatement(out, await get('/v1/console/clearing', p)); } catch (e) { fail(out, e); }
  }, async (p) => {
    const csv = await hub(`/v1/console/clearing?${new URLSearchParams({ ...p, format: 'csv' })}`, { token, raw: true });
    const a = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `${$('statement-number').textContent.split(' ').pop()}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
  }),
  vouchers: async (view) => renderVoucherForm(view, async (code, out) => {
    try { renderVoucher(out, await get('/v1/console/vouchers', { code })); } catch (e) {
      if (e.status === 404) out.replaceChildren(h('p', { class: 'bad' }, t('vouchers.notFound')));
      else if (e.status === 400) out.replaceChildren(h('p', { class: 'bad' }, t('vouchers.bad')));
      else fail(out, e);
    }
  }),
  rates: async (view) => {
    const params = me.role === 'operator' ? { retailer: me.retailers[0]?.id } : {};
    // A refused change (422) is an answer to show at its fields, not a failure.
    const publish = (change) => hub(`/v1/console/rates?${new URLSearchParams({ ...params, lang: language() })}`, { token, method: 'POST', body: change })
      .catch((e) => { if (e.status === 422) return e.body; throw e; });
    renderRates(view, await get('/v1/console/rates', params), async (change) => {
      const answer = await publish(change);
      if (!answer.errors) {
        await show();
        $('rates-status').textContent = t('rates.published', { v: answer.version });
      }
      return answer;
    });
  },
  operator: async (view) => renderOperator(view, await get('/v1/console/operator', { from: `${today().slice(0, 8)}01`, to: today() })),
};

const allowed = (route) => {
  const link = document.querySelector(`#nav a[href="#${route}"]`);
  return link && (!link.dataset.roles || link.dataset.roles.split(' ').includes(me.role));
};

// Views render into a detached element and replace the page's only if no later navigation started meanwhile, so
// a slow answer never paints over the view the user moved on to.
let generation = 0;

async function show() {
  const view = $('view');
  if (!me) return;
  const route = location.hash.slice(1) || 'fleet';
  if (!ROUTES[route] || !allowed(route)) return void (location.hash = '#fleet');
  const mine = ++generation;
  delete document.documentElement.dataset.view;
  for (const a of document.querySelectorAll('#nav a')) a.toggleAttribute('aria-current', a.getAttribute('href') === `#${route}`);
  view.replaceChildren(h('p', {}, t('loading')));
  const target = h('div');
  try { await ROUTES[route](target); } catch (e) { fail(target, e); }
  if (mine !== generation) return;
  view.replaceChildren(...target.childNodes);
  document.documentElement.dataset.view = route;
}

async function enter() {
  try {
    me = await get('/v1/console/me');
  } catch (e) {
    return logout(e.status === 401 ? t('error.expired') : t('error.network'));
  }
  $('login').hidden = true;
  $('nav').hidden = false;
  $('logout').hidden = false;
  document.documentElement.dataset.role = me.role;
  for (const a of document.querySelectorAll('#nav a[data-roles]')) a.hidden = !a.dataset.roles.split(' ').includes(me.role);
  await show();
}

function logout(message = '') {
  if (token) hub('/v1/logout', { token, method: 'POST' }).catch(() => {});
  token = null;
  me = null;
  sessionStorage.removeItem('rl-console-token');
  $('login').hidden = false;
  $('nav').hidden = true;
  $('logout').hidden = true;
  $('view').replaceChildren();
  $('login-error').textContent = message;
  delete document.documentElement.dataset.role;
}

async function login(e) {
  e.preventDefault();
  const email = $('email').value.trim(), password = $('password').value;
  if (!email || !password) return void ($('login-error').textContent = t('login.missing'));
  try {
    token = (await hub('/v1/login', { method: 'POST', body: { email, password } })).token;
    sessionStorage.setItem('rl-console-token', token);
    $('login-error').textContent = '';
    $('password').value = '';
    await enter();
  } catch (err) {
    $('login-error').textContent = err.status === 401 ? t('login.bad') : t('error.network');
  }
}

async function start() {
  const browser = navigator.language.startsWith('zh') ? 'zh-CN' : ['es', 'de'].find((l) => navigator.language.startsWith(l)) || 'en';
  const saved = localStorage.getItem('rl-console-lang') || browser;
  $('lang').value = saved;
  await setLanguage(saved);
  $('lang').addEventListener('change', async () => {
    localStorage.setItem('rl-console-lang', $('lang').value);
    await setLanguage($('lang').value);
    await show();
  });
  $('login').addEventListener('submit', login);
  $('logout').addEventListener('click', () => logout());
  window.addEventListener('hashchange', show);
  if (token) await enter();
  document.documentElement.dataset.ready = 'true';
}

start();
