//! Bills for the browser tests, drawn at test time by the corpus generator (crates/bill-corpus),
//! so the e2e suite needs no bill from outside the repository: phone photos of a multi-page
//! hospital itemization (one image per page, read by OCR) that holds a charge billed twice, and a
//! text PDF of a physician's statement. A
//! manifest says what each holds, from the generator's truth, for the tests to check against.

use advocate_bill_corpus::layouts::Statement;
use advocate_bill_corpus::{Capture, Layout, corpus, draw};
use std::path::Path;

/// Writes the bills and `manifest.json` into `folder`.
pub fn write(folder: &Path) -> Result<(), String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let specimens = || (1..400).flat_map(corpus);
    // Photos of two or three pages, taken close enough to read (250 DPI or better), with one
    // charge billed twice (the score test measures every capture over the whole corpus).
    let photos = specimens()
        .find(|s| {
            s.layout == Layout::Hospital && matches!(s.capture, Capture::Photo(photo) if photo.dpi >= 250) && {
                let statement = s.statement();
                (2..=3).contains(&statement.pages.len()) && duplicate(&statement).is_some()
            }
        })
        .ok_or("the corpus has no photographed hospital bill with a duplicate")?;
    let text = specimens()
        .find(|s| s.layout == Layout::Physician && s.capture == Capture::Text && s.statement().pages.len() == 1)
        .ok_or("the corpus has no one-page physician statement with a text layer")?;

    // A lab bill whose last column runs past the page's edge: read on the device, its charges
    // do not add up to the total it states (pdf.js gives no text past the edge).
    let lab = specimens()
        .find(|s| {
            s.layout == Layout::Lab
                && s.capture == Capture::Text
                && s.statement().pages.len() == 1
                && s.statement().truth.stated_total.is_some()
        })
        .ok_or("the corpus has no one-page lab bill with a stated total")?;

    let work = folder.join("work");
    let drawn = draw(&photos, &work).map_err(|e| format!("drawing {}: {e}", photos.name))?;
    let mut photo_files = Vec::new();
    for (n, bytes) in drawn.files.iter().enumerate() {
        let extension = if bytes.starts_with(b"\x89PNG") { "png" } else { "jpg" };
        let name = format!("hospital-photo-{}.{extension}", n + 1);
        std::fs::write(folder.join(&name), bytes).map_err(|e| format!("{name}: {e}"))?;
        photo_files.push(name);
    }
    let statement = photos.statement();
    let (code, cents) = duplicate(&statement).expect("chosen for its duplicate");
    let text_drawn = draw(&text, &work).map_err(|e| format!("drawing {}: {e}", text.name))?;
    std::fs::write(folder.join("physician-statement.pdf"), &text_drawn.files[0]).map_err(|e| format!("physician-statement.pdf: {e}"))?;
    let lab_drawn = draw(&lab, &work).map_err(|e| format!("drawing {}: {e}", lab.name))?;
    std::fs::write(folder.join("lab-statement.pdf"), &lab_drawn.files[0]).map_err(|e| format!("lab-statement.pdf: {e}"))?;
    let _ = std::fs::remove_dir_all(&work);

    let manifest = serde_json::json!({
        "photos": {
            "name": photos.name,
            "files": photo_files,
            "pages": drawn.pages,
            "charges": statement.truth.charges.len(),
            "codes": statement.truth.charges.iter().filter_map(|c| c.code.clone()).collect::<Vec<_>>(),
            "duplicate": { "code": code, "cents": cents },
        },
        "lab_pdf": { "name": lab.name, "file": "lab-statement.pdf", "stated_total_cents": lab.statement().truth.stated_total },
        "text_pdf": { "name": text.name, "file": "physician-statement.pdf", "charges": text.statement().truth.charges.len() },
    });
    std::fs::write(folder.join("manifest.json"), manifest.to_string()).map_err(|e| format!("manifest.json: {e}"))
}

/// A charge printed twice (same date, code, units and amount): its code and amount in cents.
fn duplicate(statement: &Statement) -> Option<(String, i64)> {
    let charges = &statement.truth.charges;
    charges.iter().enumerate().find_map(|(i, a)| {
        let twin = charges[i + 1..].iter().any(|b| a.date == b.date && a.code == b.code && a.units == b.units && a.cents == b.cents);
        match (&a.code, twin) {
            (Some(code), true) => Some((code.clone(), a.cents)),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_tests_get_photos_of_a_multi_page_bill_with_a_duplicate_and_a_text_pdf() {
        let folder = std::env::temp_dir().join(format!("advocate-e2e-bills-test-{}", std::process::id()));
        write(&folder).unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
        let photos = &manifest["photos"];
        let files = photos["files"].as_array().unwrap();
        assert_eq!(files.len() as u64, photos["pages"].as_u64().unwrap(), "one image per page: {manifest}");
        assert!((2..=3).contains(&files.len()), "{manifest}");
        for file in files {
            let bytes = std::fs::read(folder.join(file.as_str().unwrap())).unwrap();
            assert!(bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8]), "an image: {file}");
        }
        let duplicate = photos["duplicate"]["code"].as_str().unwrap();
        let codes: Vec<&str> = photos["codes"].as_array().unwrap().iter().filter_map(|c| c.as_str()).collect();
        assert!(codes.iter().filter(|c| **c == duplicate).count() >= 2, "{manifest}");
        assert!(std::fs::read(folder.join("physician-statement.pdf")).unwrap().starts_with(b"%PDF-"));
        println!("{manifest}");
        if std::env::var_os("KEEP_E2E_BILLS").is_none() {
            let _ = std::fs::remove_dir_all(&folder);
        } else {
            println!("kept in {}", folder.display());
        }
    }
}
