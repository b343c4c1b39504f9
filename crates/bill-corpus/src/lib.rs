//! A corpus of synthetic itemized bills with their truth, deterministic from a seed, for
//! scoring the bill reader without any outside file: four layouts (see [`layouts`]) as text
//! PDFs, as scanned PDFs, and as phone photos (skewed, blurred, noisy, shaded, at several
//! resolutions). PDFs are written here; pages become images with poppler's `pdftoppm` and are
//! degraded with ImageMagick's `convert`, the programs the reader installs too.

pub mod catalog;
pub mod layouts;
pub mod pdf;
pub mod rng;

pub use layouts::{Charge, Layout, Truth};
use rng::Rng;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How a bill reaches the reader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Capture {
    /// The PDF from the provider's website, with its text.
    Text,
    /// A scanner's PDF: one grayscale JPEG per page, slightly crooked.
    Scan { dpi: u32, angle: f32 },
    /// A phone photo of each page.
    Photo(Photo),
    /// A fax, or a copy of one: each page in black and white only, at a fax's coarse
    /// resolution (standard mode is about 100 DPI), in a PDF.
    Fax { dpi: u32 },
}

/// What a phone does to a page: resolution, a crooked hold, focus, sensor noise, uneven light.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Photo {
    pub dpi: u32,
    pub angle: f32,
    /// Gaussian blur, in pixels.
    pub blur: f32,
    /// ImageMagick's noise attenuation (0 none).
    pub noise: f32,
    /// Light falling off to this gray at the bottom of the page (1 even light).
    pub shade: f32,
    pub jpeg: bool,
}

impl Capture {
    pub fn name(&self) -> String {
        match self {
            Capture::Text => "text".into(),
            Capture::Scan { dpi, .. } => format!("scan-{dpi}dpi"),
            Capture::Photo(photo) => format!("photo-{}dpi", photo.dpi),
            Capture::Fax { dpi } => format!("fax-{dpi}dpi"),
        }
    }

    pub fn needs_ocr(&self) -> bool {
        !matches!(self, Capture::Text)
    }
}

/// One bill of the corpus, before it is drawn to files.
#[derive(Debug, Clone)]
pub struct Specimen {
    pub name: String,
    pub layout: Layout,
    pub seed: u64,
    pub capture: Capture,
}

impl Specimen {
    pub fn statement(&self) -> layouts::Statement {
        layouts::statement(self.layout, self.seed, self.capture.needs_ocr())
    }
}

/// The corpus for a seed: each layout as four text PDFs, one scan and two photos.
pub fn corpus(seed: u64) -> Vec<Specimen> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for layout in Layout::ALL {
        let mut captures = vec![Capture::Text; 4];
        captures.push(Capture::Scan { dpi: *rng.pick(&[150, 200, 300]), angle: rng.float(-1.0, 1.0) });
        for _ in 0..2 {
            // A phone of 8 megapixels or more takes a letter page at 250 DPI or better; 200
            // is a photo taken from further away. Defocus is a blur on the page, so in pixels
            // it shrinks with the resolution.
            let dpi = *rng.pick(&[200, 250, 300]);
            captures.push(Capture::Photo(Photo {
                dpi,
                angle: rng.float(-3.0, 3.0),
                blur: rng.float(0.0, 0.8) * dpi as f32 / 300.0,
                noise: rng.float(0.0, 0.6),
                shade: rng.float(0.75, 1.0),
                jpeg: rng.chance(0.5),
            }));
        }
        for capture in captures {
            let seed = rng.next_u64() % 1_000_000;
            let name = format!("{}-{seed:06}-{}", layout.name(), capture.name());
            out.push(Specimen { name, layout, seed, capture });
        }
    }
    // A fax of each layout, from a generator of its own, so the bills above stay as they were.
    let mut faxes = Rng::new(seed ^ 0xFAC5);
    for layout in Layout::ALL {
        let capture = Capture::Fax { dpi: *faxes.pick(&[100, 100, 110]) };
        let seed = faxes.next_u64() % 1_000_000;
        let name = format!("{}-{seed:06}-{}", layout.name(), capture.name());
        out.push(Specimen { name, layout, seed, capture });
    }
    out
}

/// A bill drawn to the files a member would upload: one PDF, or one image per page.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub files: Vec<Vec<u8>>,
    pub pages: usize,
    pub truth: Truth,
}

/// Draws the specimen, using `work` for the pages' images.
pub fn draw(specimen: &Specimen, work: &Path) -> std::io::Result<Drawn> {
    let statement = specimen.statement();
    let pdf = pdf::write(&statement.pages);
    let pages = statement.pages.len();
    let files = match specimen.capture {
        Capture::Text => vec![pdf],
        Capture::Scan { dpi, angle } => {
            let degrade = [
                "-background".to_string(),
                "white".into(),
                "-rotate".into(),
                format!("{angle:.2}"),
                "-gravity".into(),
                "center".into(),
                "-extent".into(),
                // Back to the page's size, so the scan keeps its resolution.
                format!("{}x{}", dpi * 17 / 2, dpi * 11),
                "-quality".into(),
                "80".into(),
            ];
            let images = rasterize(&pdf, dpi, specimen.seed, &degrade, "jpg", work)?;
            let scanned: Vec<pdf::Page> = images.into_iter().map(|jpeg| pdf::Page::scanned(jpeg, dpi * 17 / 2, dpi * 11)).collect();
            vec![pdf::write(&scanned)]
        }
        Capture::Fax { dpi } => {
            // Every pixel black or white, as a fax machine sends it.
            let degrade = ["-threshold".to_string(), "60%".into(), "-quality".into(), "85".into()];
            let images = rasterize(&pdf, dpi, specimen.seed, &degrade, "jpg", work)?;
            let pages: Vec<pdf::Page> = images.into_iter().map(|jpeg| pdf::Page::scanned(jpeg, dpi * 17 / 2, dpi * 11)).collect();
            vec![pdf::write(&pages)]
        }
        Capture::Photo(photo) => {
            let (width, height) = (photo.dpi * 17 / 2, photo.dpi * 11);
            let mut degrade = vec![
                // A darker table top around the page, as a photo frames it.
                "-bordercolor".to_string(),
                "gray(45%)".into(),
                "-border".into(),
                format!("{}", photo.dpi / 4),
                "-background".into(),
                "gray(45%)".into(),
                "-rotate".into(),
                format!("{:.2}", photo.angle),
                "(".into(),
                "-size".into(),
                format!("{width}x{height}"),
                format!("gradient:white-gray({:.0}%)", photo.shade * 100.0),
                ")".into(),
                "-gravity".into(),
                "center".into(),
                "-compose".into(),
                "multiply".into(),
                "-composite".into(),
            ];
            if photo.blur > 0.05 {
                degrade.extend(["-blur".into(), format!("0x{:.2}", photo.blur)]);
            }
            if photo.noise > 0.05 {
                degrade.extend(["-attenuate".into(), format!("{:.2}", photo.noise), "+noise".into(), "Gaussian".into()]);
            }
            degrade.extend(["+repage".into(), "-colorspace".into(), "sRGB".into(), "-quality".into(), "85".into()]);
            rasterize(&pdf, photo.dpi, specimen.seed, &degrade, if photo.jpeg { "jpg" } else { "png" }, work)?
        }
    };
    Ok(Drawn { files, pages, truth: statement.truth })
}

/// Each page of the PDF as an image at this resolution, put through ImageMagick's operations.
fn rasterize(pdf: &[u8], dpi: u32, seed: u64, operations: &[String], extension: &str, work: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    let folder = work.join(format!("draw-{seed}-{dpi}-{extension}"));
    std::fs::create_dir_all(&folder)?;
    let input = folder.join("bill.pdf");
    std::fs::write(&input, pdf)?;
    let prefix = folder.join("page");
    run(Command::new("pdftoppm")
        .env("FONTCONFIG_FILE", pinned_fonts(work)?)
        .args(["-r", &dpi.to_string(), "-gray", "-png"])
        .arg(&input)
        .arg(&prefix))?;
    let mut pages: Vec<_> = std::fs::read_dir(&folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("page-")))
        .collect();
    pages.sort();
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let output = folder.join(format!("out-{i}.{extension}"));
        // One thread and a fixed seed: the same noise on every machine and every run.
        run(Command::new("convert")
            .env("MAGICK_THREAD_LIMIT", "1")
            .arg(page)
            .args(["-seed", &(seed + i as u64).to_string()])
            .args(operations)
            .arg(&output))?;
        out.push(std::fs::read(&output)?);
    }
    std::fs::remove_dir_all(&folder)?;
    Ok(out)
}

/// The fonts every page is drawn in: DejaVu (Debian's `fonts-dejavu-core`), whatever else the
/// machine has. The bills name the standard fonts (Helvetica, Times, Courier) without embedding
/// them, so pdftoppm draws each in the closest font installed, and a corpus drawn on a machine
/// with URW's or Liberation's copies of Times (ImageMagick's and Chromium's recommended packages)
/// was another corpus: its faxes, in a thinner Times, read 34% of their charges where the same
/// faxes drawn in DejaVu read 88%. A seed must draw the same bills on every machine.
pub const FONTS: &str = "/usr/share/fonts/truetype/dejavu";

/// A fontconfig file that gives pdftoppm the `FONTS` folder alone (with the system's rules that
/// say which family stands for Times or Helvetica), written once in `work`.
fn pinned_fonts(work: &Path) -> std::io::Result<PathBuf> {
    if !Path::new(FONTS).join("DejaVuSerif.ttf").is_file() {
        return Err(std::io::Error::other(format!(
            "the bills are drawn in DejaVu, which is not in {FONTS}: install Debian's fonts-dejavu-core"
        )));
    }
    let config = work.join("fonts.conf");
    if !config.is_file() {
        std::fs::create_dir_all(work)?;
        let cache = work.join("font-cache");
        let text = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{FONTS}</dir>\n  \
             <include ignore_missing=\"yes\">/etc/fonts/conf.d</include>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            cache.display()
        );
        // Written whole under another name first: corpora drawn at once in one folder never read half a file.
        let partial = work.join(format!("fonts.conf.{}", std::process::id()));
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, &config)?;
    }
    Ok(config)
}

fn run(command: &mut Command) -> std::io::Result<()> {
    let output = command.output()?;
    if output.status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!("{command:?}: {}", String::from_utf8_lossy(&output.stderr))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_the_same_for_the_same_seed_and_covers_every_layout_and_capture() {
        let (a, b) = (corpus(14), corpus(14));
        assert_eq!(a.iter().map(|s| &s.name).collect::<Vec<_>>(), b.iter().map(|s| &s.name).collect::<Vec<_>>());
        for layout in Layout::ALL {
            let of_layout: Vec<_> = a.iter().filter(|s| s.layout == layout).collect();
            assert!(of_layout.iter().any(|s| s.capture == Capture::Text));
            assert!(of_layout.iter().any(|s| matches!(s.capture, Capture::Scan { .. })));
            assert!(of_layout.iter().any(|s| matches!(s.capture, Capture::Photo(_))));
        }
        assert_eq!(a[0].statement().truth, b[0].statement().truth);
    }

    #[test]
    fn the_standard_fonts_are_drawn_in_dejavu_whatever_else_the_machine_has() {
        let work = std::env::temp_dir().join(format!("advocate-corpus-fonts-{}", std::process::id()));
        let config = pinned_fonts(&work).unwrap();
        let family = |name: &str| {
            let out = Command::new("fc-match").env("FONTCONFIG_FILE", &config).args(["-f", "%{family}", name]).output().unwrap();
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        assert!(family("Times-Roman").starts_with("DejaVu Serif"), "{}", family("Times-Roman"));
        assert!(family("Helvetica").starts_with("DejaVu Sans"), "{}", family("Helvetica"));
        assert!(family("Courier").starts_with("DejaVu Sans Mono"), "{}", family("Courier"));
        // Written once: a second drawing reuses it.
        assert_eq!(pinned_fonts(&work).unwrap(), config);
        let _ = std::fs::remove_dir_all(&work);
    }
}
