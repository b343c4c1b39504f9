// A PDF's text layer, read in the browser with pdf.js, as lines of text in reading order (each
// line's words left to right, lines top to bottom), for the domain's statement reader. pdf.js
// is loaded only when a PDF is chosen, from this app's own origin, and never evaluates strings.
let pdfjs;

export async function pdf_text(bytes, max_pages) {
  if (!pdfjs) {
    pdfjs = await import(new URL('pdf.min.mjs', document.baseURI).href);
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', document.baseURI).href;
  }
  const document_ = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const lines = [];
  try {
    const pages = Math.min(document_.numPages, max_pages);
    for (let number = 1; number <= pages; number++) {
      const page = await document_.getPage(number);
      const content = await page.getTextContent();
      // Items whose baselines are within 3 points of a line's first make that line, as
      // poppler's pdftotext -layout (which the server uses) groups them.
      const items = content.items
        .filter((item) => item.str && item.str.trim())
        .map((item) => ({ x: item.transform[4], y: item.transform[5], text: item.str.trim() }))
        .sort((a, b) => b.y - a.y || a.x - b.x);
      let line = [];
      for (const item of items) {
        if (line.length && line[0].y - item.y > 3) {
          lines.push(line.sort((a, b) => a.x - b.x).map((i) => i.text).join('  '));
          line = [];
        }
        line.push(item);
      }
      if (line.length) lines.push(line.sort((a, b) => a.x - b.x).map((i) => i.text).join('  '));
      page.cleanup();
    }
  } finally {
    await document_.destroy();
  }
  return lines.join('\n');
}
