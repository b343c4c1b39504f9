//! Reading a photo or a PDF of a bill on the server, the one step the browser cannot do: the
//! PDF's text layer (poppler's `pdftotext`), else OCR of each page (poppler's `pdftoppm`, then
//! Debian's `tesseract`), each run as a subprocess with a time and a memory limit, in a private
//! temporary folder deleted afterwards. The text becomes a bill with the domain's statement
//! reader. Nothing is kept and nothing of the bill is logged.

use advocate_domain::bill_import::statement::{StatementError, parse_statement_text};
use advocate_domain::bill_import::{BillReading, ReadMethod};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

/// The largest upload: a phone photo or a long scanned bill fits.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;
/// Pages read from a PDF.
pub const MAX_PAGES: u32 = 20;
/// The largest image, against image bombs: a 48-megapixel phone photo fits.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Per page of OCR, and for the text layer.
const STEP_TIME: Duration = Duration::from_secs(60);
/// Address space for each subprocess.
const MEMORY_LIMIT: &str = "--as=2000000000";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("The file is empty. Choose the photo or PDF of the bill again.")]
    Empty,
    #[error("The file is over 20 MB. Take the photo at a lower resolution, or send the PDF from the provider's website.")]
    TooLarge,
    #[error(
        "This is not a photo (JPEG or PNG) or a PDF. Choose the bill's photo or PDF, or a CSV or X12 file, which are read on your device."
    )]
    NotSupported,
    #[error("The image is too large to read ({0} megapixels). Take the photo at a lower resolution.")]
    TooManyPixels(u64),
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
}

impl Kind {
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
        }
    }
}

/// What an uploaded bill file is, decided by its content, once it passes the limits: not
/// empty, at most 20 MB, a PDF, PNG or JPEG, and not an image bomb.
pub fn check_upload(bytes: &[u8]) -> Result<Kind, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.len() > MAX_UPLOAD {
        return Err(ReadError::TooLarge);
    }
    let kind = sniff(bytes).ok_or(ReadError::NotSupported)?;
    if let Some(count) = pixels(bytes, &kind).filter(|p| *p > MAX_PIXELS) {
        return Err(ReadError::TooManyPixels(count / 1_000_000));
    }
    Ok(kind)
}

/// What the bytes are, by their first bytes, whatever the file was called.
fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else {
        None
    }
}

/// Width × height from a PNG's header or a JPEG's frame header.
fn pixels(bytes: &[u8], kind: &Kind) -> Option<u64> {
    let be32 = |at: usize| Some(u64::from(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?)));
    let be16 = |at: usize| Some(u64::from(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?)));
    match kind {
        Kind::Png => Some(be32(16)? * be32(20)?),
        Kind::Jpeg => {
            let mut at = 2;
            while at + 9 < bytes.len() {
                if bytes[at] != 0xFF {
                    return None;
                }
                let marker = bytes[at + 1];
                let length = usize::try_from(be16(at + 2)?).ok()?;
                // Start-of-frame markers (baseline, progressive…) carry the size.
                if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                    return Some(be16(at + 5)? * be16(at + 7)?);
                }
                at += 2 + length;
            }
            None
        }
        Kind::Pdf => None,
    }
}

/// Reads a photo or a PDF into a bill.
pub async fn read_bill(bytes: &[u8]) -> Result<BillReading, ReadError> {
    let kind = check_upload(bytes)?;
    let folder = tempfile::Builder::new().prefix("advocate-bill-").tempdir().map_err(|e| ReadError::Unavailable(e.to_string()))?;
    let input = folder.path().join(match kind {
        Kind::Pdf => "bill.pdf",
        Kind::Png => "bill.png",
        Kind::Jpeg => "bill.jpg",
    });
    write_private(&input, bytes).map_err(|e| ReadError::Unavailable(e.to_string()))?;
    match kind {
        Kind::Pdf => read_pdf(&input, folder.path()).await,
        Kind::Png | Kind::Jpeg => {
            let text = ocr(&input).await?;
            Ok(BillReading { bill: parse_statement_text(&text)?, pages: 1, method: ReadMethod::Ocr })
        }
    }
}

async fn read_pdf(pdf: &Path, folder: &Path) -> Result<BillReading, ReadError> {
    let last = MAX_PAGES.to_string();
    let pdf_arg = pdf.to_string_lossy().into_owned();
    // The text layer first: most PDFs from a provider's website have one.
    let text = run("pdftotext", &["-layout", "-l", &last, &pdf_arg, "-"]).await?;
    let pages = text.matches('\u{c}').count().max(1) as u32;
    if let Ok(bill) = parse_statement_text(&text) {
        return Ok(BillReading { bill, pages, method: ReadMethod::TextLayer });
    }
    // A scan: each page as an image, then OCR.
    let prefix = folder.join("page").to_string_lossy().into_owned();
    run("pdftoppm", &["-r", "200", "-l", &last, "-png", &pdf_arg, &prefix]).await?;
    let mut images: Vec<_> = std::fs::read_dir(folder)
        .map_err(|e| ReadError::Unavailable(e.to_string()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "png"))
        .collect();
    images.sort();
    let mut all = String::new();
    for image in &images {
        all.push_str(&ocr(image).await?);
        all.push('\n');
    }
    Ok(BillReading { bill: parse_statement_text(&all)?, pages: images.len() as u32, method: ReadMethod::Ocr })
}

async fn ocr(image: &Path) -> Result<String, ReadError> {
    // --psm 6: one block of text, which keeps a statement's columns on their lines.
    run("tesseract", &[&image.to_string_lossy(), "-", "--psm", "6"]).await
}

/// Runs a reader under `prlimit` with a memory limit and a time limit; its standard output.
async fn run(program: &str, args: &[&str]) -> Result<String, ReadError> {
    let child = tokio::process::Command::new("prlimit")
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
        assert!(matches!(sniff(b"%PDF-1.7\n"), Some(Kind::Pdf)));
        assert!(sniff(b"PK\x03\x04 a zip named bill.pdf").is_none());
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(10_000u32.to_be_bytes());
        png.extend(8_000u32.to_be_bytes());
        assert_eq!(pixels(&png, &Kind::Png), Some(80_000_000));
        // A JPEG: SOI, an APP0 segment, then a baseline frame of 4000 × 3000.
        let jpeg =
            [&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00][..], &[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x0B, 0xB8, 0x0F, 0xA0, 0x03][..]]
                .concat();
        assert_eq!(pixels(&jpeg, &Kind::Jpeg), Some(12_000_000));
    }
}
