//! A minimal PDF writer: letter pages of text in the standard-14 fonts (which need no
//! embedding), filled rectangles for shaded rows, rules, and whole-page JPEG images for scans.
//! Coordinates are in points from the page's top left corner, as a reader of the page sees it.

use std::fmt::Write;

pub const PAGE_WIDTH: f32 = 612.0;
pub const PAGE_HEIGHT: f32 = 792.0;

/// The standard fonts the corpus prints with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Helvetica,
    HelveticaBold,
    Times,
    TimesBold,
    Courier,
}

impl Font {
    const ALL: [Font; 5] = [Font::Helvetica, Font::HelveticaBold, Font::Times, Font::TimesBold, Font::Courier];

    fn base_name(self) -> &'static str {
        match self {
            Font::Helvetica => "Helvetica",
            Font::HelveticaBold => "Helvetica-Bold",
            Font::Times => "Times-Roman",
            Font::TimesBold => "Times-Bold",
            Font::Courier => "Courier",
        }
    }

    fn resource(self) -> usize {
        Font::ALL.iter().position(|f| *f == self).unwrap_or(0) + 1
    }

    /// The bold face of the same family (Courier stays Courier).
    pub fn bold(self) -> Font {
        match self {
            Font::Helvetica | Font::HelveticaBold => Font::HelveticaBold,
            Font::Times | Font::TimesBold => Font::TimesBold,
            Font::Courier => Font::Courier,
        }
    }

    /// Width of the text at this size, in points, from the fonts' Adobe metrics (digits and the
    /// signs of amounts are exact, which right-aligned columns need; letters are close).
    pub fn width(self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.char_width(c)).sum();
        let bold = if matches!(self, Font::HelveticaBold | Font::TimesBold) { 1.05 } else { 1.0 };
        units as f32 * size / 1000.0 * bold
    }

    fn char_width(self, c: char) -> u32 {
        const HELVETICA_UPPER: [u32; 26] = [
            667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667,
            611,
        ];
        const HELVETICA_LOWER: [u32; 26] = [
            556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
            500,
        ];
        const TIMES_UPPER: [u32; 26] = [
            722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722,
            611,
        ];
        const TIMES_LOWER: [u32; 26] = [
            444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
            444,
        ];
        let helvetica = matches!(self, Font::Helvetica | Font::HelveticaBold);
        match (self, c) {
            (Font::Courier, _) => 600,
            (_, '0'..='9' | '$' | '#') => {
                if helvetica {
                    556
                } else {
                    500
                }
            }
            (_, 'A'..='Z') => (if helvetica { HELVETICA_UPPER } else { TIMES_UPPER })[(c as u8 - b'A') as usize],
            (_, 'a'..='z') => (if helvetica { HELVETICA_LOWER } else { TIMES_LOWER })[(c as u8 - b'a') as usize],
            (_, ' ' | ',' | '.' | ':' | ';' | '/') => {
                if helvetica {
                    278
                } else {
                    250
                }
            }
            (_, '-' | '(' | ')') => 333,
            (_, '&') => 722,
            _ => 556,
        }
    }
}

/// One page's drawing operations.
#[derive(Debug, Default, Clone)]
pub struct Page {
    ops: String,
    image: Option<(Vec<u8>, u32, u32)>,
}

impl Page {
    /// Text with its baseline at `y` points from the top.
    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, text: &str) {
        let _ = writeln!(self.ops, "BT /F{} {size:.1} Tf {x:.2} {:.2} Td ({}) Tj ET", font.resource(), PAGE_HEIGHT - y, escape(text));
    }

    /// Text that ends at `right`.
    pub fn text_right(&mut self, font: Font, size: f32, right: f32, y: f32, text: &str) {
        self.text(font, size, right - font.width(text, size), y, text);
    }

    /// A filled rectangle, `gray` from 0 (black) to 1 (white); its top at `y`.
    pub fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, gray: f32) {
        let _ = writeln!(self.ops, "{gray:.2} g {x:.2} {:.2} {width:.2} {height:.2} re f 0 g", PAGE_HEIGHT - y - height);
    }

    /// A horizontal rule.
    pub fn rule(&mut self, x0: f32, x1: f32, y: f32, weight: f32) {
        let y = PAGE_HEIGHT - y;
        let _ = writeln!(self.ops, "{weight:.2} w {x0:.2} {y:.2} m {x1:.2} {y:.2} l S");
    }

    /// A page that is one JPEG image, as a scanner makes it.
    pub fn scanned(jpeg: Vec<u8>, width: u32, height: u32) -> Page {
        Page { ops: format!("q {PAGE_WIDTH} 0 0 {PAGE_HEIGHT} 0 0 cm /Im1 Do Q\n"), image: Some((jpeg, width, height)) }
    }
}

fn escape(text: &str) -> String {
    // WinAnsi: the corpus prints ASCII only.
    text.chars().filter(char::is_ascii).fold(String::new(), |mut out, c| {
        if matches!(c, '(' | ')' | '\\') {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// The PDF file of these pages.
pub fn write(pages: &[Page]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets: Vec<usize> = Vec::new();
    let object = |out: &mut Vec<u8>, offsets: &mut Vec<usize>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    // 1 catalog, 2 page tree, 3..=7 fonts, then per page: page, contents, image.
    let first_page = 3 + Font::ALL.len();
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", first_page + 3 * i)).collect();
    object(&mut out, &mut offsets, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(&mut out, &mut offsets, format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).as_bytes());
    for font in Font::ALL {
        let body = format!("<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>", font.base_name());
        object(&mut out, &mut offsets, body.as_bytes());
    }
    let fonts: String = Font::ALL.iter().map(|f| format!("/F{} {} 0 R ", f.resource(), 2 + f.resource())).collect();
    for (i, page) in pages.iter().enumerate() {
        let number = first_page + 3 * i;
        let image = if page.image.is_some() { format!("/XObject << /Im1 {} 0 R >>", number + 2) } else { String::new() };
        let body = format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] /Resources << /Font << {fonts}>> {image} >> /Contents {} 0 R >>",
            number + 1
        );
        object(&mut out, &mut offsets, body.as_bytes());
        let mut stream = format!("<< /Length {} >>\nstream\n", page.ops.len()).into_bytes();
        stream.extend_from_slice(page.ops.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        object(&mut out, &mut offsets, &stream);
        // Every page has three objects, so numbering stays regular; a text page's third is empty.
        let image = match &page.image {
            Some((jpeg, width, height)) => {
                let mut body = format!(
                    "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
                    jpeg.len()
                )
                .into_bytes();
                body.extend_from_slice(jpeg);
                body.extend_from_slice(b"\nendstream");
                body
            }
            None => b"null".to_vec(),
        };
        object(&mut out, &mut offsets, &image);
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
    for offset in &offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(table, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1);
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_right_align_by_exact_digit_widths() {
        // Helvetica's digits are 556 units wide, its comma and point 278.
        assert!((Font::Helvetica.width("1,564.00", 10.0) - (6.0 * 5.56 + 2.0 * 2.78)).abs() < 0.001);
        assert_eq!(Font::Courier.width("abc", 10.0), 18.0);
    }

    #[test]
    fn a_pdf_lists_its_objects_in_the_cross_reference_table() {
        let mut page = Page::default();
        page.text(Font::Helvetica, 10.0, 72.0, 72.0, "Total (all) \\ 1,564.00");
        let pdf = write(&[page]);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("(Total \\(all\\) \\\\ 1,564.00) Tj"));
        // Catalog, pages, five fonts, and the page's three objects.
        assert!(text.contains("xref\n0 11\n"));
        let start: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        // The offset counts bytes (the binary comment on the second line is not UTF-8).
        assert!(pdf[start..].starts_with(b"xref"));
    }
}
