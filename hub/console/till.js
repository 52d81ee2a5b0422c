// The till page: the till's credential (entered once, kept on this till) and its language; then every scan from
// the keyboard-wedge scanner (digits, then Enter) is redeemed and answered in large green or red with the amount
// the core formatted and the reason in the till's language.
import { hub } from './api.js';
import { h } from './dom.js';
import { language, setLanguage, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const KEY = 'rl-till';

function answer(kind, big, small = '') {
  $('answer').className = `answer ${kind}`;
  $('answer').replaceChildren(h('span', { class: 'big' }, big), small ? h('span', { class: 'small' }, small) : '');
}

async function redeem(e) {
  e.preventDefault();
  const code = $('code').value.trim();
  $('code').value = '';
  if (!code) return;
  const { credential } = JSON.parse(localStorage.getItem(KEY));
  try {
    const a = await hub(`/v1/console/till/redeem?lang=${language()}`, { token: credential, method: 'POST', body: { code } });
    if (a.result === 'redeemed') answer('yes', t('till.redeemed', { amount: a.amount.text }));
    else if (a.result === 'already_redeemed') answer('no', t('till.already_redeemed'), t('till.alreadyWhen', { at: a.redeemedAt.replace('T', ' ').replace('Z', ' UTC'), by: a.redeemedBy }));
    else answer('no', t(`till.${a.result}`));
  } catch (err) {
    answer('no', err.code === 'network' || err.status >= 500 ? t('till.offline') : t('till.unknown'));
  }
  $('code').focus();
}

async function save(e) {
  e.preventDefault();
  const credential = $('credential').value.trim();
  try {
    await hub('/v1/console/till/me', { token: credential });
  } catch {
    $('setup-error').textContent = t('till.badCredential');
    return;
  }
  localStorage.setItem(KEY, JSON.stringify({ credential, lang: $('lang').value }));
  await ready();
}

async function ready() {
  const saved = JSON.parse(localStorage.getItem(KEY) || 'null');
  await setLanguage(saved?.lang || 'en');
  $('setup').hidden = !!saved;
  $('scan').hidden = !saved;
  if (saved) $('code').focus();
  document.documentElement.dataset.ready = 'true';
}

$('setup').addEventListener('submit', save);
$('scan').addEventListener('submit', redeem);
$('lang').addEventListener('change', () => setLanguage($('lang').value));
ready();
