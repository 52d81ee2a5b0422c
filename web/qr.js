// A link as a QR code (error correction M), for the share poster's canvas and the printed page's SVG: the encoder is
// the qrcode-generator npm package, bundled into this lazily loaded chunk, so nothing is requested from elsewhere.
import qrcode from 'qrcode-generator';

/** The code's modules: size (modules a side, without the quiet zone) and dark(row, column). */
export function qrModules(link) {
  const qr = qrcode(0, 'M');
  qr.addData(link, 'Byte');
  qr.make();
  return { size: qr.getModuleCount(), dark: (r, c) => qr.isDark(r, c) };
}
