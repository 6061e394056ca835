import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import { AppError } from './app-error';

/**
 * What every PDF the BFF issues shares (预选址意见书, 踏勘归档报告): A4, a CJK font embedded (pdfkit subsets it, so the
 * reader needs no font of its own), "第 x 页 共 y 页" on every page, and QR codes drawn as vectors.
 */

/** Where Debian (fonts-noto-cjk, installed by .ci/run), Fedora and Arch put Noto Sans CJK. */
const knownFonts = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];

/** fontconfig's answer for a Simplified Chinese sans face, if it has one with CJK in its file name. */
function fontconfigCjk(): string | null {
  try {
    const file = execFileSync('fc-match', ['-f', '%{file}', 'Noto Sans CJK SC:style=Regular'], { encoding: 'utf8', timeout: 5000 }).trim();
    return /CJK/i.test(file) && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

let found: string | undefined;

/** The CJK font file: PDF_CJK_FONT when set (it must exist), else the usual places, else fontconfig. */
export function cjkFontPath(): string {
  const configured = process.env.PDF_CJK_FONT;
  if (configured) {
    if (!existsSync(configured)) throw new AppError('PDF.FONT_MISSING', { message: `PDF_CJK_FONT 指向的字体文件不存在：${configured}` });
    return configured;
  }
  found ??= knownFonts.find((p) => existsSync(p)) ?? fontconfigCjk() ?? undefined;
  if (!found) throw new AppError('PDF.FONT_MISSING');
  return found;
}

export type Pdf = InstanceType<typeof PDFDocument>;

/** A new A4 document in the CJK font (`cjk`, and `cjk-bold` where the bold face sits beside it) and its bytes when ended. */
export function newPdf(info: { Title: string; Subject?: string }): { doc: Pdf; bytes: Promise<Buffer> } {
  const font = cjkFontPath();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, left: 56, right: 56, bottom: 64 }, bufferPages: true, info: { ...info, Author: '远程踏勘' } });
  // a collection (.ttc) holds several faces: pick the Simplified Chinese one by its PostScript name
  const face = (weight: 'Regular' | 'Bold') => (font.endsWith('.ttc') ? `NotoSansCJKsc-${weight}` : undefined);
  doc.registerFont('cjk', font, face('Regular'));
  const bold = font.replace('Regular', 'Bold');
  doc.registerFont('cjk-bold', bold !== font && existsSync(bold) ? bold : font, face(bold !== font && existsSync(bold) ? 'Bold' : 'Regular'));
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  return { doc, bytes };
}

/** Writes "第 x 页 共 y 页" at the foot of every page, then ends the document. Needs `bufferPages` (newPdf sets it). */
export function finishWithPageNumbers(doc: Pdf): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    // writing inside the bottom margin would otherwise start a new page
    margins.bottom = 0;
    doc.font('cjk').fontSize(9).fillColor('#666')
      .text(`第 ${i + 1} 页 共 ${range.count} 页`, margins.left, doc.page.height - bottom / 2 - 5, { width: doc.page.width - margins.left - margins.right, align: 'center', lineBreak: false });
    margins.bottom = bottom;
  }
  doc.end();
}

/** A QR code of `text`, `size` points square, drawn as filled squares (no image, so it stays sharp in print). */
export function drawQrCode(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const cell = size / count;
  doc.save();
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) if (qr.isDark(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
  }
  doc.fill('#000').restore();
}
