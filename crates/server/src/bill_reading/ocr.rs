//! OCR with word boxes: each page image made ready (upright by its EXIF orientation, gray,
//! about 300 DPI, straightened when crooked), read by Debian's `tesseract` into words with
//! boxes (TSV), one tesseract thread per page, each page in one of the reading queue's slots
//! (tesseract's own OpenMP threads make it several times slower on a shared machine); then the
//! words with digits tesseract was unsure of read again by the second reader (`read_again`).

use super::queue::Admission;
use super::{ReadError, run, second_reader};
use advocate_domain::bill_import::layout::{PageWords, Word, second_reading_joins, second_reading_replaces};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The long side of a letter page at 300 DPI, in pixels: what tesseract reads best.
const LONG_SIDE: f32 = 3300.0;
/// The steepest slant (degrees) a page is measured for.
const SLANT_LIMIT: f32 = 6.0;
/// Below this slant (degrees) tesseract and the row finder cope; straightening costs time.
const STRAIGHTEN_FROM: f32 = 1.0;
/// How near (pixels of the slant's small copy, about 800 wide) paper must be for a dark pixel to
/// count as ink: a letter's stroke there is one or two pixels wide.
const INK_REACH: usize = 3;
/// A page with fewer confident words than this may be sideways or upside down.
const FEW_WORDS: usize = 12;

/// One page to OCR: an image file, or a page of a PDF to render first.
#[derive(Debug, Clone)]
pub enum PageImage {
    /// A photo or scan; its long side in pixels, to scale it to about 300 DPI.
    Photo { path: PathBuf, long_side: u32 },
    /// A page (from 1) of a PDF without a text layer, and the DPI to render it at.
    PdfPage { pdf: PathBuf, number: u32, dpi: f32 },
}

/// The longest side, in pixels, `pdftoppm` may render whatever the page's size says: a legal
/// page's 14 inches at 300 DPI. A hard ceiling under the DPI chosen from the page's size.
const RENDER_CEILING: &str = "4200";

/// Reads the pages, in order, each once the reading queue gives it a slot: all pages of a
/// bill may be read at once when the server is idle, and no more than the queue's workers run
/// when it is not.
pub async fn read_pages(admission: &Arc<Admission>, pages: Vec<PageImage>, work: &Path) -> Result<Vec<PageWords>, ReadError> {
    let mut running = tokio::task::JoinSet::new();
    let mut read: Vec<Option<PageWords>> = vec![None; pages.len()];
    for (index, page) in pages.into_iter().enumerate() {
        let folder = work.join(format!("ocr-{index}"));
        let admission = admission.clone();
        running.spawn(async move {
            let words = match admission.slot().await {
                Ok(_slot) => read_page(page, &folder, &admission).await,
                Err(busy) => Err(ReadError::Busy(busy)),
            };
            (index, words)
        });
    }
    while let Some(done) = running.join_next().await {
        let (at, words) = done.map_err(|e| ReadError::Unavailable(e.to_string()))?;
        read[at] = Some(words?);
    }
    Ok(read.into_iter().flatten().collect())
}

async fn read_page(page: PageImage, folder: &Path, admission: &Admission) -> Result<PageWords, ReadError> {
    std::fs::create_dir_all(folder).map_err(|e| ReadError::Unavailable(e.to_string()))?;
    let gray = folder.join("page.pgm");
    let (page_file, scale) = match &page {
        PageImage::Photo { path, long_side } => {
            convert(&format!("{}[0]", path.display()), &gray).await?;
            (gray, (LONG_SIDE / (*long_side).max(1) as f32).clamp(0.4, 2.5))
        }
        PageImage::PdfPage { pdf, number, dpi } => {
            let prefix = folder.join("rendered");
            let (number, pdf, dpi) = (number.to_string(), pdf.to_string_lossy().into_owned(), format!("{dpi:.0}"));
            #[rustfmt::skip]
            let args = [
                "-r", &dpi, "-W", RENDER_CEILING, "-H", RENDER_CEILING, "-gray",
                "-f", &number, "-l", &number, "-singlefile", &pdf, &prefix.to_string_lossy(),
            ];
            run("pdftoppm", &args).await?;
            (prefix.with_extension("pgm"), 1.0)
        }
    };
    let source = straightened(page_file, scale, &folder.join("straight.pgm")).await?;
    let words = recognise(&source, folder, admission).await?;
    if confident_words(&words) >= FEW_WORDS {
        return read_again(source, words, admission).await;
    }
    // Few words: the page may be sideways or upside down. Tesseract's orientation detection
    // says how far to turn it.
    let Some(turn) = orientation(&source).await.filter(|t| *t != 0) else { return read_again(source, words, admission).await };
    let turned = folder.join("turned.pgm");
    run("convert", &[&source.to_string_lossy(), "-rotate", &turn.to_string(), &turned.to_string_lossy()]).await?;
    let again = tesseract(&turned).await?;
    if confident_words(&again) > confident_words(&words) {
        read_again(turned, again, admission).await
    } else {
        read_again(source, words, admission).await
    }
}

/// A page whose words with digits tesseract read with a median confidence below this is read
/// poorly: 60–75 on low-resolution scans of small print, 94–97 on every other page measured.
const POORLY_READ: f32 = 90.0;
/// On such a page, the words with digits below this confidence are read again (1,603.00 for
/// 1,609.00 had 89.9).
const UNSURE: f32 = 95.0;
/// On any other page, only those below this one: the words tesseract all but guessed (a photo's
/// dark bottom rows). Measured on the generated bills: photos' recall 94.9% → 99.3% for 0.4 s
/// more a page; 80 gained nothing more for another 0.5 s, and every word 2.5 s more a page.
const DOUBTFUL: f32 = 60.0;
/// The second reader's own confidence (0–1) its reading needs to replace tesseract's.
const SECOND_SURE: f32 = 0.8;
/// The same for a reading of several words joined (`unsure_runs`), which must also read as a
/// procedure code: a shape that strict lets a little less confidence through. Split codes on
/// the generated faxes read at 0.79–0.89 ("Oj 2270" as 0J2270 at 0.79).
const JOINED_SURE: f32 = 0.7;

/// Each word with digits tesseract was unsure of (below `UNSURE` on a page it read poorly,
/// below `DOUBTFUL` on any other) read again by the second reader (`second_reader.rs`), whose
/// reading replaces tesseract's when it is sure of it and it is one whole value of a bill's
/// table (the domain's `second_reading_replaces`).
///
/// The words are shared out among this page's core and any the reading queue has idle, as
/// the strips are.
async fn read_again(image: PathBuf, mut words: Recognised, admission: &Admission) -> Result<PageWords, ReadError> {
    if !second_reader::configured() {
        return Ok(words.page);
    }
    let below = if poorly_read(&words) { UNSURE } else { DOUBTFUL };
    let unsure = unsure_runs(&words.page.words, &words.confidences, below);
    if unsure.is_empty() {
        return Ok(words.page);
    }
    let spares: Vec<_> = std::iter::from_fn(|| admission.spare_slot()).take(MAX_STRIPS - 1).collect();
    let cores = (spares.len() + 1).min(unsure.len());
    let read = tokio::task::spawn_blocking(move || {
        // Read from its file by the first bill (warm_in_background), or here.
        let Some(reader) = second_reader::get() else { return words.page };
        let Some(bytes) = std::fs::read(&image).ok() else { return words.page };
        let Some(gray) = Graymap::parse(&bytes) else { return words.page };
        let page = second_reader::Gray { width: gray.width, height: gray.height, maxval: gray.maxval, pixels: gray.pixels };
        let page_words = &words.page.words;
        // Each run read as one; when that is not a code (or the run is one word and not a whole
        // value), each of its words with a digit read alone.
        let read_run = |run: &std::ops::Range<usize>| -> Vec<(std::ops::Range<usize>, String)> {
            let sure = |rect, at_least: f32| reader.read(&page, rect).filter(|read| read.confidence >= at_least).map(|read| read.text);
            if run.len() > 1
                && let Some(text) = sure(run_box(page_words, run), JOINED_SURE).filter(|text| second_reading_joins(text))
            {
                return vec![(run.clone(), text)];
            }
            run.clone()
                .filter(|&i| has_digit(&page_words[i]))
                .filter_map(|i| {
                    sure(run_box(page_words, &(i..i + 1)), SECOND_SURE)
                        .filter(|text| second_reading_replaces(text))
                        .map(|text| (i..i + 1, text))
                })
                .collect()
        };
        let readings: Vec<(std::ops::Range<usize>, String)> = std::thread::scope(|scope| {
            let shares: Vec<_> = unsure
                .chunks(unsure.len().div_ceil(cores))
                .map(|share| scope.spawn(move || share.iter().flat_map(read_run).collect::<Vec<_>>()))
                .collect();
            shares.into_iter().flat_map(|share| share.join().unwrap_or_default()).collect()
        });
        // A run read as one value becomes one word, in its first word's place.
        let mut gone = vec![false; words.page.words.len()];
        for (run, text) in readings {
            let whole = run_box(&words.page.words, &run);
            let first = &mut words.page.words[run.start];
            (first.text, first.left, first.top, first.right, first.bottom) = (text, whole.left, whole.top, whole.right, whole.bottom);
            gone[run.start + 1..run.end].iter_mut().for_each(|g| *g = true);
        }
        words.page.words =
            std::mem::take(&mut words.page.words).into_iter().zip(gone).filter_map(|(word, gone)| (!gone).then_some(word)).collect();
        words.page
    })
    .await
    .map_err(|e| ReadError::Unavailable(e.to_string()));
    drop(spares);
    read
}

/// Words tesseract was unsure of (below `below`), as runs of neighbours on one line with a
/// digit among them, each to be read again as one: tesseract splits a value it cannot read
/// ("0J2270" as "Oj" and "2270", "071045" as "=" and "O75"), and the second reader reads the
/// whole of it. Neighbours join when the gap between them is under `RUN_GAP` of the line's
/// height (less than a space between columns), up to `RUN_WORDS` words.
fn unsure_runs(words: &[Word], confidences: &[f32], below: f32) -> Vec<std::ops::Range<usize>> {
    let unsure = |i: usize| confidences.get(i).is_some_and(|c| *c < below);
    let next_to = |a: &Word, b: &Word| {
        let height = (a.bottom - a.top).max(b.bottom - b.top).max(1.0);
        let overlap = a.bottom.min(b.bottom) - a.top.max(b.top);
        overlap > 0.5 * (a.bottom - a.top).min(b.bottom - b.top) && b.left >= a.left && b.left - a.right < RUN_GAP * height
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !unsure(i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < words.len() && end - i < RUN_WORDS && unsure(end) && next_to(&words[end - 1], &words[end]) {
            end += 1;
        }
        if words[i..end].iter().any(has_digit) {
            runs.push(i..end);
        }
        i = end;
    }
    runs
}

/// Whether a word has a digit: the values a bill's charges are made of.
fn has_digit(word: &Word) -> bool {
    word.text.bytes().any(|b| b.is_ascii_digit())
}

/// Neighbours closer than this share of the line's height are one value split in two.
const RUN_GAP: f32 = 0.6;
/// The most words one run may join.
const RUN_WORDS: usize = 3;

/// The box around a run of words.
fn run_box(words: &[Word], run: &std::ops::Range<usize>) -> second_reader::Rect {
    let run = &words[run.clone()];
    second_reader::Rect {
        left: run.iter().map(|w| w.left).fold(f32::MAX, f32::min),
        top: run.iter().map(|w| w.top).fold(f32::MAX, f32::min),
        right: run.iter().map(|w| w.right).fold(f32::MIN, f32::max),
        bottom: run.iter().map(|w| w.bottom).fold(f32::MIN, f32::max),
    }
}

/// Whether tesseract read the page poorly, by the median confidence of its words with digits
/// (the values a bill's charges are made of); a page with fewer than five has too few to tell.
fn poorly_read(words: &Recognised) -> bool {
    let mut confidences: Vec<f32> =
        words.page.words.iter().zip(&words.confidences).filter(|(w, _)| has_digit(w)).map(|(_, c)| *c).collect();
    if confidences.len() < 5 {
        return false;
    }
    confidences.sort_by(f32::total_cmp);
    confidences[confidences.len() / 2] < POORLY_READ
}

/// The page scaled by `scale` (to about 300 DPI) and turned back by its slant when that is
/// `STRAIGHTEN_FROM` or more, written to `straight`; else the page as it was. Read from its file
/// once for both. Turned here rather than by ImageMagick: its `-rotate` of a 300-DPI page took
/// 2–4 s on one core, this takes a fraction of a second; scaled here too (`Graymap::scaled`),
/// as ImageMagick's `-resize` took 0.4 s of a photo's 2.1 s. A PGM this reader cannot parse
/// (16-bit, say) is read as it is: tesseract copes with a few degrees, and the row finder with
/// more.
///
/// The slant is measured here too (`Graymap::slant`). ImageMagick's `-deskew` on a small copy
/// of a photo, used before, missed by a degree or more on photos with the table top around the
/// page (1.8° for a page turned 3°): over a row 2,000 pixels long that puts its code and its
/// charge a row apart.
async fn straightened(page: PathBuf, scale: f32, straight: &Path) -> Result<PathBuf, ReadError> {
    let (reading, writing) = (page.clone(), straight.to_path_buf());
    tokio::task::spawn_blocking(move || {
        let Ok(bytes) = std::fs::read(&reading) else { return Ok(reading) };
        let Some(gray) = Graymap::parse(&bytes) else { return Ok(reading) };
        // The scaled page, a PGM file: written as it is when it needs no turn.
        let resized = ((scale - 1.0).abs() > 0.05).then(|| gray.scaled(scale));
        let gray = match &resized {
            Some(pgm) => {
                let Some(resized) = Graymap::parse(pgm) else { return Ok(reading) };
                resized
            }
            None => gray,
        };
        let written = match (gray.slant(), &resized) {
            (Some(slant), _) if slant.abs() >= STRAIGHTEN_FROM => std::fs::write(&writing, gray.turned(-slant)),
            (_, Some(pgm)) => std::fs::write(&writing, pgm),
            (_, None) => return Ok(reading),
        };
        written.map_err(|e| ReadError::Unavailable(e.to_string()))?;
        Ok(writing)
    })
    .await
    .map_err(|e| ReadError::Unavailable(e.to_string()))?
}

/// Upright by EXIF and gray; PGM, which the straightening reads without decompressing.
async fn convert(input: &str, output: &Path) -> Result<(), ReadError> {
    let output = output.to_string_lossy();
    run("convert", &[input, "-auto-orient", "-colorspace", "Gray", "-depth", "8", &output]).await.map(|_| ())
}

struct Recognised {
    page: PageWords,
    confidences: Vec<f32>,
}

fn confident_words(words: &Recognised) -> usize {
    words.confidences.iter().filter(|c| **c >= 60.0).count()
}

/// Tesseract's words with their boxes. One uniform block of text (--psm 6) keeps a table's
/// rows whole. Its default global threshold (Otsu) reads dark text on shaded and coloured rows
/// (a yellow header band) better here than its local ones, which lose text inside a band.
async fn tesseract(image: &Path) -> Result<Recognised, ReadError> {
    let tsv = run("tesseract", &[&image.to_string_lossy(), "-", "--psm", "6", "tsv"]).await?;
    Ok(parse_tsv(&tsv))
}

/// Tesseract's words for a page, on one core, or on several when the reading queue has idle
/// ones: the page is cut across blank rows into strips read at once, and their words are put
/// back in place. Tesseract reads a text line in time proportional to its length whatever the
/// resolution, so a dense 300-DPI page is about 3 s on one core here; two strips about halve
/// that for a member waiting on a one-page bill, at the same CPU time, and a busy server reads
/// each page whole. Whole or in strips, tesseract is given a TIFF (`Graymap::tiff_rows`).
async fn recognise(image: &Path, folder: &Path, admission: &Admission) -> Result<Recognised, ReadError> {
    let spares: Vec<_> = std::iter::from_fn(|| admission.spare_slot()).take(MAX_STRIPS - 1).collect();
    let bytes = tokio::fs::read(image).await.map_err(|e| ReadError::Unavailable(e.to_string()))?;
    let Some(gray) = Graymap::parse(&bytes) else { return tesseract(image).await };
    let mut bounds = vec![0];
    if !spares.is_empty() {
        bounds.extend(cuts(&gray.inked_rows(), spares.len() + 1));
    }
    bounds.push(gray.height);
    let mut reading = tokio::task::JoinSet::new();
    for (index, rows) in bounds.windows(2).enumerate() {
        let strip = folder.join(format!("strip-{index}.tif"));
        std::fs::write(&strip, gray.tiff_rows(rows[0], rows[1])).map_err(|e| ReadError::Unavailable(e.to_string()))?;
        let top = rows[0] as f32;
        reading.spawn(async move { tesseract(&strip).await.map(|read| (top, read)) });
    }
    let mut whole = Recognised {
        page: PageWords { recognised: true, width: gray.width as f32, height: gray.height as f32, ..PageWords::default() },
        confidences: Vec::new(),
    };
    let mut strips = Vec::new();
    while let Some(done) = reading.join_next().await {
        strips.push(done.map_err(|e| ReadError::Unavailable(e.to_string()))??);
    }
    drop(spares);
    strips.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (top, read) in strips {
        whole.page.words.extend(read.page.words.into_iter().map(|w| Word { top: w.top + top, bottom: w.bottom + top, ..w }));
        whole.confidences.extend(read.confidences);
    }
    Ok(whole)
}

/// At most this many strips of one page (each on its own core).
const MAX_STRIPS: usize = 4;
/// A strip shorter than this (pixels) is not worth a tesseract of its own.
const MIN_STRIP_ROWS: usize = 400;
/// Rows without ink, one after the other, that make a safe cut: no letter crosses them.
const MIN_GAP_ROWS: usize = 4;

/// An 8-bit binary PGM (P5), as pdftoppm and ImageMagick write them.
struct Graymap<'a> {
    width: usize,
    height: usize,
    maxval: u16,
    pixels: &'a [u8],
}

impl<'a> Graymap<'a> {
    fn parse(bytes: &'a [u8]) -> Option<Self> {
        let mut at = 2;
        if bytes.get(..2)? != b"P5" {
            return None;
        }
        let mut number = || -> Option<usize> {
            loop {
                match bytes.get(at)? {
                    b'#' => at += bytes[at..].iter().position(|&b| b == b'\n')?,
                    b if b.is_ascii_whitespace() => at += 1,
                    _ => break,
                }
            }
            let digits = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
            let value = std::str::from_utf8(&bytes[at..at + digits]).ok()?.parse().ok()?;
            at += digits;
            Some(value)
        };
        let (width, height, maxval) = (number()?, number()?, number()?);
        // One whitespace byte, then the pixels: one byte each below 256.
        let pixels = bytes.get(at + 1..)?;
        if !(1..=255).contains(&maxval) || width == 0 || pixels.len() < width.checked_mul(height)? {
            return None;
        }
        Some(Graymap { width, height, maxval: maxval as u16, pixels: &pixels[..width * height] })
    }

    /// For each row, whether it holds ink: more than 1% of the width dark, not counting the
    /// columns dark in most rows (a photo's background beside the page, a table's vertical
    /// rules), which cross every gap between lines.
    fn inked_rows(&self) -> Vec<bool> {
        let dark = (self.maxval / 2) as u8;
        let mut dark_rows = vec![0usize; self.width];
        for row in self.pixels.chunks_exact(self.width) {
            for (count, &pixel) in dark_rows.iter_mut().zip(row) {
                *count += usize::from(pixel < dark);
            }
        }
        let persistent: Vec<bool> = dark_rows.iter().map(|&n| n > self.height / 2).collect();
        let allowed = self.width / 100;
        self.pixels
            .chunks_exact(self.width)
            .map(|row| row.iter().zip(&persistent).filter(|&(&pixel, &always)| pixel < dark && !always).count() > allowed)
            .collect()
    }

    /// The image scaled by `scale` (ImageMagick's `-filter Triangle -resize`): each pixel the
    /// mean of the pixels within reach of it, weighted by their distance (a tent one pixel wide
    /// when enlarging, as wide as the pixels shrunk into one when reducing), across then down.
    /// A PGM file.
    fn scaled(&self, scale: f32) -> Vec<u8> {
        let width = ((self.width as f32 * scale).round() as usize).max(1);
        let height = ((self.height as f32 * scale).round() as usize).max(1);
        let across = tent_weights(self.width, width);
        let down = tent_weights(self.height, height);
        // Across: each source row to `width` values.
        let mut half = vec![0f32; width * self.height];
        for (source, target) in self.pixels.chunks_exact(self.width).zip(half.chunks_exact_mut(width)) {
            for (value, (first, weights)) in target.iter_mut().zip(&across) {
                *value = weights.iter().zip(&source[*first..]).map(|(w, &p)| w * f32::from(p)).sum();
            }
        }
        // Down.
        let mut pgm = format!("P5\n{width} {height}\n{}\n", self.maxval).into_bytes();
        let start = pgm.len();
        pgm.resize(start + width * height, 0);
        let mut row = vec![0f32; width];
        for (target, (first, weights)) in pgm[start..].chunks_exact_mut(width).zip(&down) {
            row.iter_mut().for_each(|v| *v = 0.0);
            for (k, w) in weights.iter().enumerate() {
                let source = &half[(first + k) * width..(first + k + 1) * width];
                row.iter_mut().zip(source).for_each(|(v, s)| *v += w * s);
            }
            target.iter_mut().zip(&row).for_each(|(t, v)| *t = v.round().clamp(0.0, 255.0) as u8);
        }
        pgm
    }

    /// The image turned `degrees` clockwise about its centre (ImageMagick's `-rotate`), on a
    /// canvas that holds all of it, the corners white; each pixel interpolated from its four
    /// neighbours. A PGM file.
    fn turned(&self, degrees: f32) -> Vec<u8> {
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (w, h) = (self.width as f32, self.height as f32);
        // (Less a thousandth: a quarter turn's cosine is not quite 0 in floating point.)
        let width = (w * cos.abs() + h * sin.abs() - 1e-3).ceil() as usize;
        let height = (w * sin.abs() + h * cos.abs() - 1e-3).ceil() as usize;
        let mut pgm = format!("P5\n{width} {height}\n{}\n", self.maxval).into_bytes();
        let white = self.maxval as u8;
        let pixel = |x: isize, y: isize| -> f32 {
            if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
                f32::from(white)
            } else {
                f32::from(self.pixels[y as usize * self.width + x as usize])
            }
        };
        let (centre_x, centre_y) = (width as f32 / 2.0, height as f32 / 2.0);
        pgm.reserve(width * height);
        for row in 0..height {
            let dy = row as f32 + 0.5 - centre_y;
            for column in 0..width {
                let dx = column as f32 + 0.5 - centre_x;
                // Where this pixel comes from: the turn undone.
                let x = dx * cos + dy * sin + w / 2.0 - 0.5;
                let y = -dx * sin + dy * cos + h / 2.0 - 0.5;
                let (x0, y0) = (x.floor(), y.floor());
                let (fx, fy) = (x - x0, y - y0);
                let (x0, y0) = (x0 as isize, y0 as isize);
                let top = pixel(x0, y0) * (1.0 - fx) + pixel(x0 + 1, y0) * fx;
                let bottom = pixel(x0, y0 + 1) * (1.0 - fx) + pixel(x0 + 1, y0 + 1) * fx;
                pgm.push((top * (1.0 - fy) + bottom * fy).round() as u8);
            }
        }
        pgm
    }

    /// The slant of the page's lines in degrees, within ±`SLANT_LIMIT` (negative when they rise
    /// to the right): the angle whose shear lines the ink up into the fewest, fullest rows (the
    /// sum of squares of the ink in each sheared row, highest when text lines and rules lie
    /// along rows). Measured on a copy about 800 pixels wide, each of its pixels the darkest of
    /// its block so that thin strokes stay. Ink is darker than 0.4 of the page's white (its
    /// 90th percentile) with paper beside it: a pixel at least 0.7 of the white within
    /// `INK_REACH` of it across or down. A table top's grey or brown around a photographed page is
    /// as dark as ink, and at the page's slant its wide wedges outweighed the text lines (a
    /// photo 3° off was measured level and read 1 charge of 25); a stroke of print always has
    /// paper a few pixels off. None for a page with almost no ink.
    fn slant(&self) -> Option<f32> {
        let block = (self.width / 800).max(1);
        let (width, height) = (self.width / block, self.height / block);
        let mut small = vec![u8::MAX; width * height];
        for y in 0..height * block {
            let row = &self.pixels[y * self.width..y * self.width + width * block];
            for (x, pixel) in row.iter().enumerate() {
                let at = (y / block) * width + x / block;
                small[at] = small[at].min(*pixel);
            }
        }
        let mut counts = [0usize; 256];
        small.iter().for_each(|&p| counts[usize::from(p)] += 1);
        let mut below = 0;
        let white = (0..256).find(|&p| {
            below += counts[p];
            below > small.len() * 9 / 10
        })? as f32;
        let (ink_below, paper) = ((white * 0.4) as u8, (white * 0.7) as u8);
        let paper_near = |x: usize, y: usize| {
            let across = x.saturating_sub(INK_REACH)..(x + INK_REACH + 1).min(width);
            let down = y.saturating_sub(INK_REACH)..(y + INK_REACH + 1).min(height);
            across.into_iter().any(|x| small[y * width + x] >= paper) || down.into_iter().any(|y| small[y * width + x] >= paper)
        };
        let ink: Vec<(f32, f32)> = small
            .iter()
            .enumerate()
            .filter(|&(i, p)| *p < ink_below && paper_near(i % width, i / width))
            .map(|(i, _)| ((i % width) as f32, (i / width) as f32))
            .collect();
        if ink.len() < 100 {
            return None;
        }
        let margin = (width as f32 * SLANT_LIMIT.to_radians().tan()).ceil() as usize + 1;
        let score = |degrees: f32| -> f64 {
            let shear = degrees.to_radians().tan();
            let mut rows = vec![0u32; height + 2 * margin];
            for (x, y) in &ink {
                rows[((y + x * shear).round() as isize + margin as isize).max(0) as usize] += 1;
            }
            rows.iter().map(|&n| f64::from(n) * f64::from(n)).sum()
        };
        let best = |from: f32, to: f32, step: f32| -> f32 {
            let steps = ((to - from) / step).round() as i32;
            (0..=steps).map(|i| from + i as f32 * step).max_by(|a, b| score(*a).total_cmp(&score(*b))).unwrap_or(0.0)
        };
        let rough = best(-SLANT_LIMIT, SLANT_LIMIT, 0.2);
        let fine = best(rough - 0.2, rough + 0.2, 0.02);
        // Lines that rise to the right line up under a shear that lowers the right.
        Some(-fine)
    }

    /// Rows `from..to` as an uncompressed 8-bit gray TIFF (little-endian, one strip), which is
    /// what tesseract is given. Leptonica reads a PGM one `fread` of one byte per pixel (5% of
    /// all the CPU that reading the generated faxes took, measured with perf), a TIFF a row at a
    /// time. No resolution is written, as a PGM has none: tesseract estimates it from the text
    /// size as it did.
    fn tiff_rows(&self, from: usize, to: usize) -> Vec<u8> {
        const SHORT: u16 = 3;
        const LONG: u16 = 4;
        let (width, height) = (self.width as u32, (to - from) as u32);
        let entries: [(u16, u16, u32); 9] = [
            (256, LONG, width),          // ImageWidth
            (257, LONG, height),         // ImageLength
            (258, SHORT, 8),             // BitsPerSample
            (259, SHORT, 1),             // Compression: none
            (262, SHORT, 1),             // PhotometricInterpretation: black is zero
            (273, LONG, 0),              // StripOffsets: set below
            (277, SHORT, 1),             // SamplesPerPixel
            (278, LONG, height),         // RowsPerStrip: one strip
            (279, LONG, width * height), // StripByteCounts
        ];
        let pixels_at = 8 + 2 + 12 * entries.len() as u32 + 4;
        let mut tiff = Vec::with_capacity(pixels_at as usize + (width * height) as usize);
        tiff.extend_from_slice(b"II*\0");
        tiff.extend_from_slice(&8u32.to_le_bytes());
        tiff.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        for (tag, kind, value) in entries {
            let value = if tag == 273 { pixels_at } else { value };
            tiff.extend_from_slice(&tag.to_le_bytes());
            tiff.extend_from_slice(&kind.to_le_bytes());
            tiff.extend_from_slice(&1u32.to_le_bytes());
            // A SHORT sits in the first two bytes of the four, which little-endian order gives.
            tiff.extend_from_slice(&value.to_le_bytes());
        }
        tiff.extend_from_slice(&0u32.to_le_bytes());
        tiff.extend_from_slice(&self.pixels[from * self.width..to * self.width]);
        tiff
    }
}

/// For each of `to` pixels along a line of `from`, the first source pixel it takes from and the
/// weights of that one and the next: a tent around the target pixel's centre in the source,
/// its half-width one source pixel when enlarging and the source pixels per target pixel when
/// reducing; the weights sum to one.
fn tent_weights(from: usize, to: usize) -> Vec<(usize, Vec<f32>)> {
    let ratio = from as f32 / to as f32;
    let reach = ratio.max(1.0);
    (0..to)
        .map(|t| {
            let centre = (t as f32 + 0.5) * ratio - 0.5;
            let first = ((centre - reach).ceil().max(0.0) as usize).min(from - 1);
            let last = ((centre + reach).floor().max(0.0) as usize).min(from - 1);
            let mut weights: Vec<f32> = (first..=last).map(|s| (1.0 - (s as f32 - centre).abs() / reach).max(0.0)).collect();
            let sum: f32 = weights.iter().sum();
            if sum > 0.0 {
                weights.iter_mut().for_each(|w| *w /= sum);
            } else {
                weights = vec![1.0];
            }
            (first, weights)
        })
        .collect()
}

/// Where to cut a page into about `parts` strips: the middle of the blank gap nearest each
/// even division, within a quarter strip of it; none where there is no gap (a photo's shadow,
/// a picture), so the page is read in fewer strips or whole.
fn cuts(inked: &[bool], parts: usize) -> Vec<usize> {
    let height = inked.len();
    let parts = parts.min(height / MIN_STRIP_ROWS);
    let mut gaps = Vec::new();
    let mut start = None;
    for (row, &ink) in inked.iter().chain([&true]).enumerate() {
        match (ink, start) {
            (false, None) => start = Some(row),
            (true, Some(from)) => {
                if row - from >= MIN_GAP_ROWS && from > 0 && row < height {
                    gaps.push((from + row) / 2);
                }
                start = None;
            }
            _ => {}
        }
    }
    let mut chosen: Vec<usize> = Vec::new();
    for part in 1..parts {
        let aim = part * height / parts;
        let near = gaps.iter().copied().filter(|g| g.abs_diff(aim) <= height / parts / 4).min_by_key(|g| g.abs_diff(aim));
        if let Some(cut) = near.filter(|c| c - chosen.last().copied().unwrap_or(0) >= MIN_STRIP_ROWS && height - c >= MIN_STRIP_ROWS) {
            chosen.push(cut);
        }
    }
    chosen
}

/// How far to turn the page (degrees clockwise), by tesseract's orientation detection.
async fn orientation(image: &Path) -> Option<i32> {
    let answer = run("tesseract", &[&image.to_string_lossy(), "-", "--psm", "0"]).await.ok()?;
    answer.lines().find_map(|l| l.strip_prefix("Rotate:")).and_then(|r| r.trim().parse().ok())
}

/// Tesseract's TSV: a page row (level 1) with the image's size, word rows (level 5) with their
/// boxes, confidence and text.
fn parse_tsv(tsv: &str) -> Recognised {
    let mut page = PageWords { recognised: true, ..PageWords::default() };
    let mut confidences = Vec::new();
    for line in tsv.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 12 {
            continue;
        }
        let number = |i: usize| fields[i].trim().parse::<f32>().unwrap_or(0.0);
        let (left, top, width, height) = (number(6), number(7), number(8), number(9));
        match fields[0] {
            "1" => (page.width, page.height) = (width, height),
            "5" if !fields[11].trim().is_empty() => {
                page.words.push(Word { text: fields[11].trim().to_string(), left, top, right: left + width, bottom: top + height });
                confidences.push(number(10));
            }
            _ => {}
        }
    }
    Recognised { page, confidences }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, left: f32, right: f32) -> Word {
        Word { text: text.into(), left, top: 100.0, right, bottom: 130.0 }
    }

    #[test]
    fn words_tesseract_split_and_was_unsure_of_are_read_again_together() {
        // "0J2270" read as "Oj" and "2270" with a narrow gap; the description beyond a column's gap.
        let words = [word("03/13/2023", 0.0, 200.0), word("Oj", 400.0, 430.0), word("2270", 440.0, 520.0), word("MORPHINE", 600.0, 760.0)];
        assert_eq!(unsure_runs(&words, &[96.0, 10.0, 20.0, 30.0], 60.0), vec![1..3]);
        // A confident neighbour is not taken in; a run of words without a digit is not read.
        assert_eq!(unsure_runs(&words, &[96.0, 10.0, 95.0, 30.0], 60.0), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(unsure_runs(&words, &[96.0, 95.0, 20.0, 30.0], 60.0), vec![2..3]);
        // A gap of more than 0.6 of the line's height (30) is a space between fields.
        let apart = [word("Oj", 400.0, 430.0), word("2270", 449.0, 520.0)];
        assert_eq!(unsure_runs(&apart, &[10.0, 20.0], 60.0), vec![1..2]);
        let close = [word("Oj", 400.0, 430.0), word("2270", 447.0, 520.0)];
        assert_eq!(unsure_runs(&close, &[10.0, 20.0], 60.0), vec![0..2]);
        // A word on the next line is not a neighbour.
        let below = [word("Oj", 400.0, 430.0), Word { top: 140.0, bottom: 170.0, ..word("2270", 440.0, 520.0) }];
        assert_eq!(unsure_runs(&below, &[10.0, 20.0], 60.0), vec![1..2]);
        assert_eq!(run_box(&words, &(1..3)), second_reader::Rect { left: 400.0, top: 100.0, right: 520.0, bottom: 130.0 });
    }

    fn page(inked: &[(usize, usize)], height: usize) -> Vec<bool> {
        (0..height).map(|row| inked.iter().any(|(from, to)| (*from..*to).contains(&row))).collect()
    }

    #[test]
    fn scaling_keeps_a_flat_page_flat_averages_when_reducing_and_interpolates_when_enlarging() {
        let flat = Graymap { width: 7, height: 5, maxval: 255, pixels: &[200; 35] };
        let bigger = flat.scaled(2.0);
        let bigger = Graymap::parse(&bigger).unwrap();
        assert_eq!((bigger.width, bigger.height), (14, 10));
        assert!(bigger.pixels.iter().all(|&p| p == 200));
        // Columns black and white in turn: halved, each pixel the mean of a pair.
        let stripes: Vec<u8> = (0..80).map(|i| if i % 2 == 0 { 0 } else { 254 }).collect();
        let halved = Graymap { width: 8, height: 10, maxval: 255, pixels: &stripes }.scaled(0.5);
        let halved = Graymap::parse(&halved).unwrap();
        assert_eq!((halved.width, halved.height), (4, 5));
        assert!(halved.pixels.iter().all(|&p| p.abs_diff(127) <= 32), "{:?}", halved.pixels);
        // A black pixel beside a white one, doubled: black, two greys between, white.
        let edge = Graymap { width: 2, height: 1, maxval: 255, pixels: &[0, 255] }.scaled(2.0);
        let edge = Graymap::parse(&edge).unwrap();
        assert_eq!(edge.pixels[0], 0);
        assert_eq!(edge.pixels[3], 255);
        assert!(edge.pixels[1] > 0 && edge.pixels[1] < edge.pixels[2] && edge.pixels[2] < 255, "{:?}", edge.pixels);
    }

    #[test]
    fn a_page_is_cut_in_the_blank_gap_nearest_its_middle() {
        // Text lines 30 rows high every 42 rows: gaps of 12 rows.
        let lines: Vec<(usize, usize)> = (0..78).map(|i| (10 + i * 42, 40 + i * 42)).collect();
        let inked = page(&lines, 3300);
        let cut = cuts(&inked, 2);
        assert_eq!(cut.len(), 1);
        assert!(!inked[cut[0]] && cut[0].abs_diff(1650) < 42, "{cut:?}");
        let three = cuts(&inked, 3);
        assert_eq!(three.len(), 2);
        assert!(three.iter().all(|c| !inked[*c]));
    }

    #[test]
    fn no_cut_where_no_gap_is_near_the_middle_nor_in_a_short_page_nor_through_narrow_gaps() {
        // Ink from row 1000 to 2300 (a picture, a photo's shadow): no gap near the middle.
        assert!(cuts(&page(&[(0, 900), (1000, 2300), (2400, 3300)], 3300), 2).is_empty());
        // Gaps of 3 rows only: a letter may cross them.
        let tight: Vec<(usize, usize)> = (0..100).map(|i| (i * 33, i * 33 + 30)).collect();
        assert!(cuts(&page(&tight, 3300), 2).is_empty());
        // Too short for two strips worth reading apart.
        assert!(cuts(&page(&[(10, 40), (100, 130)], 700), 2).is_empty());
        // A blank page has no gap *between* lines either.
        assert!(cuts(&vec![false; 3300], 2).is_empty());
    }

    #[test]
    fn a_pgm_is_read_and_written_back_in_strips() {
        // Column 0 is dark in every row (a border): it is no row's ink.
        let mut file = b"P5\n# made by a test\n3 4\n255\n".to_vec();
        file.extend([0, 0, 255, 0, 255, 255, 0, 0, 0, 0, 255, 255]);
        let gray = Graymap::parse(&file).expect("a PGM");
        assert_eq!((gray.width, gray.height, gray.maxval), (3, 4, 255));
        assert_eq!(gray.inked_rows(), vec![true, false, true, false]);
        let strip = gray.tiff_rows(2, 4);
        assert_eq!(&strip[..8], b"II*\0\x08\0\0\0", "a little-endian TIFF, its directory next");
        assert_eq!(&strip[strip.len() - 6..], b"\x00\x00\x00\x00\xff\xff", "rows 2 and 3, as they were");
        assert!(Graymap::parse(b"P6\n3 4\n255\n").is_none(), "colour");
        assert!(Graymap::parse(b"P5\n3 4\n65535\n").is_none(), "16-bit");
        assert!(Graymap::parse(b"P5\n3 4\n255\n\x00").is_none(), "cut short");
    }

    #[test]
    fn a_page_turned_clockwise_moves_what_was_right_of_the_centre_below_it_and_keeps_all_of_it() {
        // 4 × 2, one dark pixel right of the centre on the top row.
        let mut file = b"P5\n4 2\n255\n".to_vec();
        file.extend([255, 255, 255, 0, 255, 255, 255, 255]);
        let gray = Graymap::parse(&file).unwrap();
        let turned = gray.turned(90.0);
        let turned = Graymap::parse(&turned).unwrap();
        assert_eq!((turned.width, turned.height), (2, 4), "the canvas holds the whole page");
        let dark: Vec<(usize, usize)> = (0..8).filter(|i| turned.pixels[*i] < 128).map(|i| (i % turned.width, i / turned.width)).collect();
        assert_eq!(dark, vec![(1, 3)], "the top row's right end is now the right column's bottom");
        // A slight turn keeps the size nearly and fills the new corners with white.
        let page = Graymap::parse(&file).unwrap().turned(2.0);
        let page = Graymap::parse(&page).unwrap();
        assert!(page.width >= 4 && page.height >= 2);
        assert_eq!(page.pixels[0], 255);
    }

    #[test]
    fn turning_back_a_slanted_line_makes_it_level() {
        // A 400 × 200 page with a dark line rising 3° to the right; turned back by 3° clockwise
        // (as ImageMagick's deskew angle of -3 asks), its ink lies in a few rows.
        let (width, height) = (400usize, 200usize);
        let mut pixels = vec![255u8; width * height];
        for x in 20..380 {
            let y = 100.0 - (x as f32 - 200.0) * 3f32.to_radians().tan();
            pixels[y.round() as usize * width + x] = 0;
        }
        let mut file = format!("P5\n{width} {height}\n255\n").into_bytes();
        file.extend(&pixels);
        let inked_rows = |g: &Graymap| g.pixels.chunks_exact(g.width).filter(|row| row.iter().any(|p| *p < 160)).count();
        let slanted = Graymap::parse(&file).unwrap();
        assert!(inked_rows(&slanted) > 15);
        let level = slanted.turned(3.0);
        assert!(inked_rows(&Graymap::parse(&level).unwrap()) <= 3, "level after the turn");
    }

    #[test]
    fn a_pages_slant_is_measured_from_its_lines_within_a_tenth_of_a_degree_and_a_grey_or_dark_surround_is_not_ink() {
        // A 1,600 × 1,200 page of 30 dashed text lines turned by `degrees` (lines rising to the
        // right for a positive turn), in a grey surround as a photo's table top.
        let page = |degrees: f32| {
            let (width, height) = (1600usize, 1200usize);
            let mut pixels = vec![110u8; width * height];
            let tan = degrees.to_radians().tan();
            for y in 100..1100 {
                for x in 100..1500 {
                    pixels[y * width + x] = 230;
                }
            }
            for line in 0..30 {
                for x in 150..1450 {
                    if (x / 9) % 4 == 3 {
                        continue;
                    }
                    let y = 130.0 + line as f32 * 32.0 - (x as f32 - 800.0) * tan;
                    for thick in 0..4 {
                        pixels[(y as usize + thick) * width + x] = 20;
                    }
                }
            }
            let mut file = format!("P5\n{width} {height}\n255\n").into_bytes();
            file.extend(&pixels);
            file
        };
        for degrees in [0.0f32, 0.7, -1.5, 3.0, -4.2] {
            let file = page(degrees);
            let slant = Graymap::parse(&file).unwrap().slant().unwrap();
            assert!((slant + degrees).abs() <= 0.1, "turned {degrees}°, measured {slant}°");
        }
        // A page photographed turned on a dark table top (as dark as ink): the surround's wedges
        // beside the turned page are not lines to level.
        let on_a_dark_table = |degrees: f32| {
            let (width, height) = (1600usize, 1800usize);
            let (sin, cos) = (degrees.to_radians().sin(), degrees.to_radians().cos());
            let mut pixels = vec![50u8; width * height];
            for y in 0..height {
                for x in 0..width {
                    // Where this pixel was on the page before it was turned about the centre.
                    let (dx, dy) = (x as f32 - 800.0, y as f32 - 900.0);
                    let (px, py) = (dx * cos - dy * sin, dx * sin + dy * cos);
                    if px.abs() < 560.0 && py.abs() < 700.0 {
                        // Thin grey print, as a phone sees small type: 2-pixel strokes.
                        let line = (py + 640.0) / 32.0;
                        let on_line = py > -640.0 && py < 200.0 && line.fract() < 0.06 && px.abs() < 500.0 && (px as i32 / 9) % 4 != 3;
                        pixels[y * width + x] = if on_line { 80 } else { 210 };
                    }
                }
            }
            let mut file = format!("P5\n{width} {height}\n255\n").into_bytes();
            file.extend(&pixels);
            file
        };
        for degrees in [3.0f32, -2.5] {
            let file = on_a_dark_table(degrees);
            let slant = Graymap::parse(&file).unwrap().slant().unwrap();
            assert!((slant + degrees).abs() <= 0.1, "turned {degrees}° on a dark table, measured {slant}°");
        }
        // A blank page: nothing to measure.
        let mut blank = b"P5\n200 100\n255\n".to_vec();
        blank.extend(vec![240u8; 200 * 100]);
        assert_eq!(Graymap::parse(&blank).unwrap().slant(), None);
    }

    fn recognised(words: &[(&str, f32)]) -> Recognised {
        let word = |text: &str| Word { text: text.into(), left: 0.0, top: 0.0, right: 1.0, bottom: 1.0 };
        Recognised {
            page: PageWords { words: words.iter().map(|(t, _)| word(t)).collect(), ..PageWords::default() },
            confidences: words.iter().map(|(_, c)| *c).collect(),
        }
    }

    #[test]
    fn a_page_is_read_poorly_when_the_median_confidence_of_its_words_with_digits_is_below_90() {
        let digits = |median: f32| {
            recognised(&[("27.50", 40.0), ("1", 60.0), ("J3490", median), ("0250", 96.0), ("1,609.00", 97.0), ("Pharmacy", 10.0)])
        };
        assert!(poorly_read(&digits(89.9)));
        assert!(!poorly_read(&digits(90.0)), "90 itself is read well");
        // Words without digits do not count, and four words with digits are too few to tell.
        assert!(!poorly_read(&recognised(&[("1", 10.0), ("2", 10.0), ("3", 10.0), ("4", 10.0), ("Scan", 10.0), ("CT", 10.0)])));
    }

    #[test]
    fn tesseract_tsv_gives_the_page_size_and_each_word_with_its_box() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t
4\t1\t1\t1\t1\t0\t100\t200\t900\t40\t-1\t
5\t1\t1\t1\t1\t1\t100\t200\t230\t40\t96.5\t02/25/2023
5\t1\t1\t1\t1\t2\t400\t201\t90\t38\t91.0\t0250
5\t1\t1\t1\t1\t3\t600\t205\t10\t30\t12.0\t ";
        let read = parse_tsv(tsv);
        assert_eq!((read.page.width, read.page.height), (2550.0, 3300.0));
        assert_eq!(read.page.words.len(), 2);
        assert_eq!(read.page.words[1], Word { text: "0250".into(), left: 400.0, top: 201.0, right: 490.0, bottom: 239.0 });
        assert_eq!(confident_words(&read), 2);
    }
}
