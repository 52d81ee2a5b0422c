// The printed result: below the figures, a link back to this result and its QR code (the share link, which
// reproduces the result), redrawn before every print. Loaded the first time the page is printed, with the QR encoder
// the share poster uses (web/qr.js); web/print.css shows the block on paper only and opens the sources there.
import { qrModules } from './qr.js';
import { addStrings, t, $, el, svg } from './page-kit.js';
import strings from './i18n/en-poster.js';

const stringsReady = addStrings(strings, () => import('./i18n/zh-poster.js'));

function printBack() {
  const link = location.href;
  const { size, dark } = qrModules(link);
  let modules = '';
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (dark(r, c)) modules += `M${c + 4} ${r + 4}h1v1h-1z`;
  $('#print-back')?.remove();
  // The four-module quiet zone is part of the picture (a white square), so a scanner finds the code on any paper.
  $('#results').append(el('aside', { id: 'print-back', class: 'print-back', 'data-link': link },
    svg('svg', { viewBox: `0 0 ${size + 8} ${size + 8}`, width: 132, height: 132, 'shape-rendering': 'crispEdges', 'aria-hidden': 'true' },
      svg('rect', { width: size + 8, height: size + 8, fill: '#fff' }), svg('path', { d: modules })),
    el('p', {}, t('posterScan'), el('br'), el('a', { href: link }, link))));
}

/** Resolves once the block is on the page; it is drawn anew before every later print (the link may have changed). */
export const ready = stringsReady.then(() => {
  printBack();
  addEventListener('beforeprint', printBack);
});
