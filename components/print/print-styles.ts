/**
 * THE stylesheet of the printed forms: one string, put in a <style> element by the print pages
 * (app/(print)/print/*) and by the PDF rendering of the term archive (lib/services/print-pdf.ts), so the
 * browser's print and the archive's PDF are the same. A4, one document per sheet (a page break after each),
 * black on white, CJK fonts (Debian: fonts-noto-cjk), no screen chrome on paper.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 15mm 15mm 16mm; }
.pf-doc { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
  color: #000; background: #fff; font-size: 10.5pt; line-height: 1.55; max-width: 180mm; margin: 0 auto 12mm;
  padding: 10mm; box-shadow: 0 0 0 1px #cbd5e1; }
.pf-doc + .pf-doc { break-before: page; page-break-before: always; }
.pf-title { text-align: center; font-size: 16pt; font-weight: 700; letter-spacing: 0.1em; margin: 0 0 2mm; }
.pf-sub { display: flex; justify-content: space-between; gap: 4mm; margin: 0 0 3mm; font-size: 9.5pt; }
.pf-table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 3mm; }
.pf-table th, .pf-table td { border: 1px solid #000; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top;
  word-break: break-all; font-weight: normal; }
.pf-table th { background: #f1f5f9; white-space: nowrap; }
.pf-table .pf-num { text-align: right; }
.pf-table .pf-sign { height: 9mm; }
.pf-table tr { break-inside: avoid; page-break-inside: avoid; }
.pf-section { font-weight: 700; margin: 3mm 0 1.5mm; font-size: 11pt; }
.pf-text { white-space: pre-wrap; margin: 0 0 3mm; }
.pf-commitment { border: 1px solid #000; padding: 2.5mm 3mm; margin: 0 0 3mm; }
.pf-signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm 10mm; margin-top: 8mm; break-inside: avoid; }
.pf-line { border-bottom: 1px solid #000; min-height: 8mm; display: flex; align-items: flex-end; }
.pf-seal { grid-column: 1 / -1; text-align: right; padding-right: 10mm; }
.pf-note { font-size: 8.5pt; margin-top: 3mm; }
@media print {
  .pf-doc { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  .pf-screen { display: none !important; }
  body { background: #fff !important; }
}
`;
