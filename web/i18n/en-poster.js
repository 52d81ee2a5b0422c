// English strings of the share poster (web/poster.js), loaded with it.
export default {
  posterTitle: "Our household's year of drink deposits",
  posterRate: 'Share returned',
  posterCo2: 'Greenhouse gas avoided (CO2e)',
  posterCo2Unit: '{n} kg',
  posterScan: 'Scan to open this result and check every figure and its source.',
  posterFoot: 'ReturnLoop deposit calculator · no tracking, no third-party requests',
  posterAlt: 'Share picture: {place}, {date}. {figures}. With a QR code of the link to this result.',
  posterSave: 'Save the picture',
  posterHint: 'On a phone, press and hold the picture to save it or send it to a chat or WeChat Moments.',
};
