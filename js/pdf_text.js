// A PDF's text layer, read in the browser with pdf.js: each page's size and its runs of text with
// their boxes (measured from the page's top left corner, in points), for the domain's layout
// reader — the same reader the server gives poppler's runs to. pdf.js is loaded only when a PDF
// is chosen, from this app's own origin, and never evaluates strings.
let pdfjs;

export async function pdf_text(bytes, max_pages) {
  if (!pdfjs) {
    pdfjs = await import(new URL('pdf.min.mjs', document.baseURI).href);
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', document.baseURI).href;
  }
  const document_ = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  try {
    const count = Math.min(document_.numPages, max_pages);
    for (let number = 1; number <= count; number++) {
      const page = await document_.getPage(number);
      const content = await page.getTextContent();
      const [x0, y0, x1, y1] = page.view;
      const runs = [];
      for (const item of content.items) {
        if (!item.str || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform;
        // Text set along a slant is not the bill's table (the server leaves it out too).
        if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d)) continue;
        const height = item.height || Math.abs(d);
        // pdf.js gives the baseline, from the bottom; the reader wants the box, from the top.
        runs.push({ text: item.str, left: e - x0, top: y1 - f - height, width: item.width, height });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, runs });
      page.cleanup();
    }
  } finally {
    await document_.destroy();
  }
  return pages;
}
