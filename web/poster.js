// The share poster: a PNG drawn in the browser (canvas, 1080 x 1440, the 3:4 portrait WeChat Moments and other apps
// show whole) with the result as the page shows it, the place, the date and a QR code of the share link (the page's
// own URL, which reproduces the result). Loaded the first time its button is pressed, with the QR encoder (web/qr.js).
import { qrModules } from './qr.js';
import { addStrings, formatLocale, localText, t, $, el } from './page-kit.js';
import strings from './i18n/en-poster.js';

const stringsReady = addStrings(strings, () => import('./i18n/zh-poster.js'));

const W = 1080;
const H = 1440;
const PAD = 72;
const FONT = 'system-ui, "Noto Sans CJK SC", "Noto Sans", sans-serif';
const INK = '#17211d';
const MUTED = '#4a5852';
const BRAND = '#0d5547';

// Lines of text no wider than width: Chinese breaks between characters, other text between words.
function wrap(ctx, text, width) {
  const parts = /[\u3000-\u9fff]/.test(text) ? Array.from(text) : text.split(/(?<=\s)/);
  const lines = [''];
  for (const part of parts) {
    const next = lines[lines.length - 1] + part;
    if (ctx.measureText(next.trimEnd()).width > width && lines[lines.length - 1]) lines.push(part.trimStart());
    else lines[lines.length - 1] = next;
  }
  return lines.map((l) => l.trimEnd());
}

function text(ctx, s, x, y, { size, weight = 400, color = INK, align = 'left', width = W - 2 * PAD, lineHeight = 1.3 }) {
  ctx.font = `${weight} ${size}px ${FONT}`;
  ctx.fillStyle = color;
  ctx.textAlign = align;
  const lines = wrap(ctx, s, width);
  lines.forEach((line, i) => ctx.fillText(line, x, y + i * size * lineHeight));
  return y + lines.length * size * lineHeight;
}

// The QR code of link, dark modules on white with the standard four-module quiet zone, size px square at (x, y).
function drawQr(ctx, link, x, y, size) {
  const { size: count, dark } = qrModules(link);
  const cell = Math.floor(size / (count + 8));
  const side = cell * (count + 8);
  ctx.fillStyle = '#fff';
  ctx.fillRect(x, y, side, side);
  ctx.fillStyle = '#000';
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < count; c++) if (dark(r, c)) ctx.fillRect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
  }
  return side;
}

// The figures as the results view shows them (its text is the core's formatted answer, so nothing is recomputed).
function figures() {
  const shown = (id) => $(id).textContent;
  return [
    [t('cardDeposits'), shown('#r-deposits'), INK],
    [t('cardRefund'), shown('#r-refund'), '#1f6b3a'],
    [t('cardLeft'), shown('#r-left'), '#9a3412'],
    [t('posterRate'), shown('#rate-out'), INK],
    [t('posterCo2'), t('posterCo2Unit', { n: shown('#r-co2') }), INK],
  ];
}

function draw(canvas, { place, date, rows, link }) {
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f4f7f5';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = BRAND;
  ctx.fillRect(0, 0, W, 150);
  text(ctx, 'ReturnLoop', PAD, 98, { size: 56, weight: 700, color: '#fff' });
  let y = text(ctx, t('posterTitle'), PAD, 250, { size: 54, weight: 700 });
  y = text(ctx, `${place} · ${date}`, PAD, y + 10, { size: 34, color: MUTED });
  y += 30;
  for (const [label, value, color] of rows) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(PAD, y, W - 2 * PAD, 100);
    text(ctx, label, PAD + 32, y + 62, { size: 30, color: MUTED, width: 520 });
    text(ctx, value, W - PAD - 32, y + 68, { size: 52, weight: 700, color, align: 'right', width: W });
    y += 112;
  }
  // Below the figures however many lines the title took, on whole pixels so every module stays sharp.
  const qrTop = Math.round(Math.max(y + 16, H - 420));
  const side = drawQr(ctx, link, PAD, qrTop, 330);
  text(ctx, t('posterScan'), PAD + side + 40, qrTop + 70, { size: 34, width: W - 2 * PAD - side - 40 });
  text(ctx, t('posterFoot'), W / 2, H - 40, { size: 24, color: MUTED, align: 'center' });
}

// Draws the poster for the result on screen and shows it below the actions with a link to save it.
export async function showPoster(result) {
  await stringsReady;
  const { scheme, h } = result;
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(`${h.date}T00:00:00Z`));
  const place = localText(scheme, 'name');
  const rows = figures();
  const link = location.href;
  const canvas = el('canvas', { width: W, height: H });
  draw(canvas, { place, date, rows, link });
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const url = URL.createObjectURL(blob);
  const old = $('#poster-out');
  if (old) {
    URL.revokeObjectURL(old.querySelector('img').src);
    old.remove();
  }
  const alt = t('posterAlt', { place, date, figures: rows.map(([label, value]) => `${label}: ${value}`).join('; ') });
  const figure = el('figure', { id: 'poster-out', class: 'poster-out', 'data-link': link },
    el('img', { src: url, alt, width: W / 3, height: H / 3 }),
    el('figcaption', { class: 'hint' }, el('a', { href: url, download: `returnloop-${scheme.id}-${h.date}.png` }, t('posterSave')), ' ', t('posterHint')));
  $('#results .actions').after(figure);
  figure.scrollIntoView({ block: 'nearest' });
}
