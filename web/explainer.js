// "How a deposit works": pay -> return -> get it back, in three small pictures with the reader's own scheme, currency
// and container. Loaded after the first figures show (never part of the first load) and drawn below them.
import { addStrings, t, el, svg, KINDS } from './page-kit.js';

// Its styles come with it, so the first load's stylesheet stays as it was.
const styles = new Promise((resolve) => {
  const link = el('link', { rel: 'stylesheet', href: 'web/explainer.css' });
  link.addEventListener('load', resolve);
  link.addEventListener('error', resolve);  // unstyled is still readable
  document.head.append(link);
});

export const stringsReady = Promise.all([styles, addStrings({
  exTitle: 'How a deposit works',
  exPay: 'You pay {amount} extra when you buy a {kind} in {place}.',
  exReturn: 'You bring the empty {kind} back to a shop or a return machine.',
  exBack: 'You get the {amount} back. A container nobody returns leaves its deposit unclaimed.',
}, () => import('./i18n/zh-explainer.js'))]);

// Three pictures drawn in 64 x 64: a can with a coin, the can going into a return point, the coin coming back.
const CAN = () => [svg('rect', { x: 14, y: 12, width: 20, height: 36, rx: 5, class: 'ex-can' }), svg('rect', { x: 17, y: 9, width: 14, height: 4, rx: 2, class: 'ex-can' })];
const COIN = (x, y) => [svg('circle', { cx: x, cy: y, r: 9, class: 'ex-coin' }), svg('path', { d: `M${x - 3} ${y}h6M${x} ${y - 3}v6`, class: 'ex-mark' })];
const PICTURES = [
  () => [...CAN(), ...COIN(46, 44)],
  () => [svg('rect', { x: 30, y: 8, width: 28, height: 48, rx: 4, class: 'ex-box' }), svg('rect', { x: 36, y: 16, width: 16, height: 8, rx: 2, class: 'ex-slot' }),
    svg('path', { d: 'M8 32h16m-5-5 5 5-5 5', class: 'ex-arrow' })],
  () => [svg('path', { d: 'M10 14a22 22 0 1 0 22-6', class: 'ex-arrow' }), svg('path', { d: 'M28 3l5 5-6 4', class: 'ex-arrow' }), ...COIN(32, 34)],
];

/**
 * Draws the explainer into host for a household answer h, with the first container kind the scheme charges for;
 * its amount is the core's text for that line; current() says whether h is still the answer shown.
 */
export async function explain(host, h, place, current) {
  await stringsReady;
  const i = h.lines.findIndex((l) => l.eligible && l.amountMinor > 0);
  if (!current()) return;
  host.hidden = i < 0;
  if (i < 0) return;
  const amount = h.text.lines[i].amount;
  const kind = t(`kind_${KINDS[i].id}`).toLowerCase();
  const steps = ['exPay', 'exReturn', 'exBack'].map((key, i) => el('li', { class: 'ex-step' },
    svg('svg', { viewBox: '0 0 64 64', width: 56, height: 56, 'aria-hidden': 'true', focusable: 'false' }, ...PICTURES[i]()),
    el('p', {}, t(key, { amount, kind, place }))));
  host.replaceChildren(el('h2', { class: 'ex-title' }, t('exTitle')), el('ol', { class: 'ex-steps' }, ...steps));
}
