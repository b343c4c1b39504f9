//! OCR with word boxes: each page image made ready (upright by its EXIF orientation, gray,
//! about 300 DPI, straightened when crooked), read by Debian's `tesseract` into words with
//! boxes (TSV), one tesseract thread per page, each page in one of the reading queue's slots
//! (tesseract's own OpenMP threads make it several times slower on a shared machine).

use super::queue::Admission;
use super::{ReadError, run};
use advocate_domain::bill_import::layout::{PageWords, Word};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The long side of a letter page at 300 DPI, in pixels: what tesseract reads best.
const LONG_SIDE: f32 = 3300.0;
/// Below this slant (degrees) tesseract and the row finder cope; straightening costs time.
const STRAIGHTEN_FROM: f32 = 1.0;
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
                Ok(_slot) => read_page(page, &folder).await,
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

async fn read_page(page: PageImage, folder: &Path) -> Result<PageWords, ReadError> {
    std::fs::create_dir_all(folder).map_err(|e| ReadError::Unavailable(e.to_string()))?;
    let ready = folder.join("page.pgm");
    let source = match &page {
        PageImage::Photo { path, long_side } => {
            let scale = (LONG_SIDE / (*long_side).max(1) as f32).clamp(0.4, 2.5);
            let input = format!("{}[0]", path.display());
            let angle = slant(&input).await;
            convert(&input, &ready, scale, angle).await?;
            ready
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
            let rendered = prefix.with_extension("pgm");
            let angle = slant(&rendered.to_string_lossy()).await;
            if angle.abs() >= STRAIGHTEN_FROM {
                convert(&rendered.to_string_lossy(), &ready, 1.0, angle).await?;
                ready
            } else {
                rendered
            }
        }
    };
    let words = tesseract(&source).await?;
    if confident_words(&words) >= FEW_WORDS {
        return Ok(words.page);
    }
    // Few words: the page may be sideways or upside down. Tesseract's orientation detection
    // says how far to turn it.
    let Some(turn) = orientation(&source).await.filter(|t| *t != 0) else { return Ok(words.page) };
    let turned = folder.join("turned.pgm");
    run("convert", &[&source.to_string_lossy(), "-rotate", &turn.to_string(), &turned.to_string_lossy()]).await?;
    let again = tesseract(&turned).await?;
    Ok(if confident_words(&again) > confident_words(&words) { again.page } else { words.page })
}

/// ImageMagick's estimate of the page's slant, in degrees, from a small copy (fast); 0 when
/// it cannot tell.
async fn slant(input: &str) -> f32 {
    let answer = run(
        "convert",
        &[input, "-auto-orient", "-colorspace", "Gray", "-resize", "700x700>", "-deskew", "40%", "-format", "%[deskew:angle]", "info:"],
    )
    .await;
    answer.ok().and_then(|a| a.trim().parse::<f32>().ok()).filter(|a| a.is_finite() && a.abs() < 20.0).unwrap_or(0.0)
}

/// Upright by EXIF, gray, scaled, straightened when the slant is worth it; PGM, which
/// tesseract reads without decompressing.
async fn convert(input: &str, output: &Path, scale: f32, angle: f32) -> Result<(), ReadError> {
    let percent = format!("{:.1}%", scale * 100.0);
    let mut args = vec![input.to_string(), "-auto-orient".into(), "-colorspace".into(), "Gray".into()];
    if (scale - 1.0).abs() > 0.05 {
        args.extend(["-filter".into(), "Triangle".into(), "-resize".into(), percent]);
    }
    if angle.abs() >= STRAIGHTEN_FROM {
        args.extend(["-background".into(), "white".into(), "-rotate".into(), format!("{:.2}", -angle), "+repage".into()]);
    }
    args.push(output.to_string_lossy().into_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run("convert", &args).await.map(|_| ())
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
