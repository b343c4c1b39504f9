//! Reading a photo or a PDF of a bill on the server, the one step the browser cannot do: the
//! words of the PDF's text layer with their places (poppler's `pdftohtml -xml`), and for a
//! photo or a page without text, OCR with word boxes (poppler's `pdftoppm`, ImageMagick,
//! Debian's `tesseract`); each program runs as a subprocess with a time and a memory limit, in
//! a private temporary folder deleted afterwards. The positioned words become a bill with the
//! domain's layout reader. Nothing is kept and nothing of the bill is logged.

mod ocr;
pub mod queue;
pub mod second_reader;
mod text_layer;

use advocate_domain::bill_import::layout::{PageWords, read_layout};
use advocate_domain::bill_import::statement::StatementError;
use advocate_domain::bill_import::{BillReading, ReadMethod};
use queue::{Admission, Busy, ReadingQueue};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

/// The largest upload and the pages read from a PDF: the domain's limits, the browser's too.
pub use advocate_domain::bill_import::{MAX_FILE_BYTES as MAX_UPLOAD, MAX_PDF_PAGES as MAX_PAGES};
/// The largest image, against image bombs: a 48-megapixel phone photo fits.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most pixels a PDF page is rendered to for OCR: a legal-size page at 300 DPI fits; a
/// larger page is rendered at a lower DPI (see `render_dpi`).
pub const MAX_PAGE_PIXELS: f32 = 12_000_000.0;
/// What tesseract reads best.
const OCR_DPI: f32 = 300.0;
/// Per page of OCR, and for the text layer.
const STEP_TIME: Duration = Duration::from_secs(60);
/// Address space for each subprocess.
const MEMORY_LIMIT: &str = "--as=2000000000";
/// A PDF page with fewer words in its text layer is a scan or a picture: it is OCR'd.
const SCANNED_PAGE_WORDS: usize = 10;
/// The programs reading needs, by Debian package: checked at start and by `/readyz`.
pub const READERS: &[(&str, &str)] =
    &[("pdftohtml", "poppler-utils"), ("pdftoppm", "poppler-utils"), ("tesseract", "tesseract-ocr"), ("convert", "imagemagick")];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("The file is empty. Choose the photo or PDF of the bill again.")]
    Empty,
    #[error(
        "The file is over {}. Take the photo at a lower resolution, or send the PDF from the provider's website.",
        advocate_domain::bill_import::MAX_FILE_SIZE_TEXT
    )]
    TooLarge,
    #[error(
        "This is not a photo (JPEG or PNG) or a PDF. Choose the bill's photo or PDF, or a CSV or X12 file, which are read on your device."
    )]
    NotSupported,
    #[error("The image is too large to read ({0} megapixels). Take the photo at a lower resolution.")]
    TooManyPixels(u64),
    #[error("The image could not be opened; it may be damaged or cut short. Take the photo again, or choose another copy of it.")]
    UnreadableImage,
    #[error("The PDF is protected by a password. Open it, save or print it as a new PDF without the password, and try again.")]
    Encrypted,
    #[error("The PDF could not be opened; it may be damaged. Download it again, or take a photo of the bill.")]
    Damaged,
    #[error("Reading the bill took too long. Try a photo of one page at a time.")]
    TimedOut,
    #[error(transparent)]
    Statement(#[from] StatementError),
    #[error("The reader is not available on this server ({0}). Type the charges in, or call an advocate.")]
    Unavailable(String),
    #[error("Many bills are being read right now. Try again in a minute, or type the charges in.")]
    Busy(Busy),
}

impl From<Busy> for ReadError {
    fn from(busy: Busy) -> Self {
        ReadError::Busy(busy)
    }
}

/// What an upload is, by its first bytes (the domain's rule, the browser's too).
pub use advocate_domain::bill_import::UploadKind as Kind;

/// What an uploaded bill file is, decided by its content, once it passes the limits: not
/// empty, at most 20 MB, a PDF, PNG or JPEG, and for an image a header that reads (by the
/// `imagesize` library) and no more than `MAX_PIXELS`: an image bomb or a cut-off photo is
/// refused before any reader sees it.
pub fn check_upload(bytes: &[u8]) -> Result<Kind, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.len() > MAX_UPLOAD {
        return Err(ReadError::TooLarge);
    }
    let kind = Kind::sniff(bytes).ok_or(ReadError::NotSupported)?;
    if kind != Kind::Pdf {
        let (width, height) = dimensions(bytes)?;
        if width * height > MAX_PIXELS {
            return Err(ReadError::TooManyPixels(width * height / 1_000_000));
        }
    }
    Ok(kind)
}

/// An image's width and height from its header; a header that does not read, or says zero, is
/// a refusal rather than "unknown".
fn dimensions(bytes: &[u8]) -> Result<(u64, u64), ReadError> {
    let size = imagesize::blob_size(bytes).map_err(|_| ReadError::UnreadableImage)?;
    let (width, height) = (size.width as u64, size.height as u64);
    if width == 0 || height == 0 {
        return Err(ReadError::UnreadableImage);
    }
    Ok((width, height))
}

/// The DPI a PDF page of this size (in points, 72 to the inch) is rendered at for OCR: 300,
/// or less for a page so large that 300 would exceed `MAX_PAGE_PIXELS`. A page whose size is
/// unknown (0) is rendered at 300 but only after `pdftoppm` is told the pixel bound too.
fn render_dpi(width_points: f32, height_points: f32) -> f32 {
    let square_inches = (width_points / 72.0) * (height_points / 72.0);
    if !(square_inches.is_finite() && square_inches > 0.0) {
        return OCR_DPI;
    }
    (MAX_PAGE_PIXELS / square_inches).sqrt().clamp(1.0, OCR_DPI).floor()
}

/// Reads a photo or a PDF into a bill, its pages through the server's reading queue.
pub async fn read_bill(queue: &ReadingQueue, bytes: &[u8]) -> Result<BillReading, ReadError> {
    let kind = check_upload(bytes)?;
    let missing = missing_readers_described();
    if !missing.is_empty() {
        // Said before any work, rather than after a page half read.
        return Err(ReadError::Unavailable(missing.join(", ")));
    }
    let admission = std::sync::Arc::new(queue.admit()?);
    second_reader::warm_in_background();
    let folder = tempfile::Builder::new().prefix("advocate-bill-").tempdir().map_err(|e| ReadError::Unavailable(e.to_string()))?;
    let input = folder.path().join(match kind {
        Kind::Pdf => "bill.pdf",
        Kind::Png => "bill.png",
        Kind::Jpeg => "bill.jpg",
    });
    write_private(&input, bytes).map_err(|e| ReadError::Unavailable(e.to_string()))?;
    let (pages, method) = match kind {
        Kind::Pdf => pdf_words(&admission, &input, folder.path()).await?,
        Kind::Png | Kind::Jpeg => {
            let long_side = dimensions(bytes).map_or(0, |(w, h)| w.max(h)) as u32;
            let photo = ocr::PageImage::Photo { path: input.clone(), long_side };
            (ocr::read_pages(&admission, vec![photo], folder.path()).await?, ReadMethod::Ocr)
        }
    };
    if pages.iter().all(|p| p.words.is_empty()) {
        return Err(ReadError::Statement(StatementError::NoText));
    }
    let reading = read_layout(&pages, &known_code);
    if reading.bill.lines.is_empty() && reading.to_check.is_empty() {
        return Err(ReadError::Statement(StatementError::NoCharges));
    }
    Ok(BillReading { bill: reading.bill, pages: pages.len() as u32, method, rows: reading.rows, to_check: reading.to_check })
}

/// Whether a CPT/HCPCS code exists, by the codes of Medicare's unit limits bundled with the
/// server: lets the layout reader correct a code OCR misread by one confusable character.
fn known_code(code: &str) -> bool {
    static CODES: std::sync::OnceLock<advocate_domain::unit_limits::UnitLimits> = std::sync::OnceLock::new();
    CODES
        .get_or_init(|| advocate_domain::unit_limits::UnitLimits::parse(include_str!("../data/unit-limits.tsv")).unwrap_or_default())
        .get(code)
        .is_some()
}

/// A PDF's words: its text layer, and OCR for the pages that have none (scans).
async fn pdf_words(admission: &std::sync::Arc<Admission>, pdf: &Path, folder: &Path) -> Result<(Vec<PageWords>, ReadMethod), ReadError> {
    let last = MAX_PAGES.to_string();
    let pdf_arg = pdf.to_string_lossy().into_owned();
    let slot = admission.slot().await?;
    let xml = run("pdftohtml", &["-xml", "-i", "-hidden", "-q", "-stdout", "-zoom", "1", "-l", &last, &pdf_arg]).await?;
    drop(slot);
    let mut pages = text_layer::parse(&xml);
    let scanned: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].words.len() < SCANNED_PAGE_WORDS).collect();
    if scanned.is_empty() {
        return Ok((pages, ReadMethod::TextLayer));
    }
    let images = scanned
        .iter()
        .map(|&i| ocr::PageImage::PdfPage {
            pdf: pdf.to_path_buf(),
            number: i as u32 + 1,
            dpi: render_dpi(pages[i].width, pages[i].height),
        })
        .collect();
    for (at, words) in scanned.into_iter().zip(ocr::read_pages(admission, images, folder).await?) {
        pages[at] = words;
    }
    Ok((pages, ReadMethod::Ocr))
}

/// The reader programs missing on this server, by name and Debian package.
pub fn missing_readers() -> Vec<(&'static str, &'static str)> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    READERS
        .iter()
        .copied()
        .filter(|(program, _)| !std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
        .chain(std::iter::once(("prlimit", "util-linux")).filter(|_| !std::env::split_paths(&path).any(|d| d.join("prlimit").is_file())))
        .collect()
}

/// The missing reader programs as "tesseract (Debian package tesseract-ocr)".
pub fn missing_readers_described() -> Vec<String> {
    missing_readers().into_iter().map(|(program, package)| format!("{program} (Debian package {package})")).collect()
}

/// Runs a reader under `prlimit` with a memory limit and a time limit; its standard output.
async fn run(program: &str, args: &[&str]) -> Result<String, ReadError> {
    let child = tokio::process::Command::new("prlimit")
        // One thread each: pages are read in parallel, and OpenMP's threads would fight them.
        .env("OMP_THREAD_LIMIT", "1")
        .env("MAGICK_THREAD_LIMIT", "1")
        .arg(MEMORY_LIMIT)
        .arg("--")
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| ReadError::Unavailable(format!("{program}: {e}")))?;
    let output = tokio::time::timeout(STEP_TIME, child.wait_with_output()).await.map_err(|_| ReadError::TimedOut)?;
    let output = output.map_err(|e| ReadError::Unavailable(format!("{program}: {e}")))?;
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    let complaint = String::from_utf8_lossy(&output.stderr).to_lowercase();
    // prlimit answers 127 when the reader is not installed: the server's fault, not the file's.
    if output.status.code() == Some(127) || complaint.contains("failed to execute") {
        Err(ReadError::Unavailable(program.to_string()))
    } else if complaint.contains("password") || complaint.contains("encrypt") {
        Err(ReadError::Encrypted)
    } else if program.starts_with("pdf") {
        Err(ReadError::Damaged)
    } else {
        Err(ReadError::Statement(StatementError::NoText))
    }
}

/// The uploaded file, readable by this user only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_decided_by_content_and_image_sizes_read_from_headers() {
        assert!(matches!(Kind::sniff(b"%PDF-1.7\n"), Some(Kind::Pdf)));
        assert!(Kind::sniff(b"PK\x03\x04 a zip named bill.pdf").is_none());
        assert_eq!(dimensions(&png(10_000, 8_000)).unwrap(), (10_000, 8_000));
        assert_eq!(check_upload(&png(8_000, 6_000)), Ok(Kind::Png));
        // A JPEG: SOI, an APP0 segment, then a baseline frame of 4000 × 3000.
        let jpeg = [
            &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10][..],
            b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0",
            &[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x0B, 0xB8, 0x0F, 0xA0, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01][..],
        ]
        .concat();
        assert_eq!(dimensions(&jpeg).unwrap(), (4_000, 3_000));
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(width.to_be_bytes());
        png.extend(height.to_be_bytes());
        png.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
        png
    }

    #[test]
    fn an_image_over_fifty_megapixels_is_refused_before_any_reader_sees_it() {
        assert_eq!(check_upload(&png(7_072, 7_070)), Ok(Kind::Png), "exactly at the limit: 49.99 MP");
        assert_eq!(check_upload(&png(7_072, 7_071)), Err(ReadError::TooManyPixels(50)));
        assert_eq!(check_upload(&png(100_000, 100_000)), Err(ReadError::TooManyPixels(10_000)));
    }

    #[test]
    fn an_image_whose_header_does_not_read_is_refused_not_guessed() {
        // The JPEG's signature, then nothing: a photo cut off in transfer.
        assert_eq!(check_upload(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00]), Err(ReadError::UnreadableImage));
        // A PNG whose header says 0 × 0.
        assert_eq!(check_upload(&png(0, 0)), Err(ReadError::UnreadableImage));
    }

    #[test]
    fn pdf_pages_are_rendered_at_300_dpi_unless_that_would_exceed_the_pixel_limit() {
        // Letter and legal pages: 300 DPI (8.4 and 10.7 MP).
        assert_eq!(render_dpi(612.0, 792.0), 300.0);
        assert_eq!(render_dpi(612.0, 1008.0), 300.0);
        // Tabloid (11 × 17 in) at 300 DPI would be 16.8 MP: 253 DPI keeps it under 12 MP.
        assert_eq!(render_dpi(792.0, 1224.0), 253.0);
        // A page of 200 × 200 inches, a pixel bomb at 300 DPI (3.6 gigapixels): 17 DPI.
        let dpi = render_dpi(14_400.0, 14_400.0);
        assert_eq!(dpi, 17.0);
        assert!((200.0 * dpi).powi(2) <= MAX_PAGE_PIXELS);
        // A size that does not read: 300, with pdftoppm's own bound on the long side.
        assert_eq!(render_dpi(0.0, 0.0), 300.0);
    }
}
