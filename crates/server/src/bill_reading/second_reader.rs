//! The second reader: PaddleOCR's PP-OCRv4 text-line recogniser (the ONNX model RapidOCR ships
//! in its PyPI wheel, Apache-2.0), run with `tract` in pure Rust. Tesseract finds the words and
//! their boxes; on a page it reads poorly (a low-resolution scan of small print), each word with
//! digits it was unsure of is cut out of the page and read again by this recogniser, which reads
//! small, blurred digits far better (README, "OCR engines compared").
//!
//! The trade-off, measured: a word costs 25–120 ms of one core here (the model's work grows
//! with the word's width), against tesseract's whole page in about a second. So not every word
//! is read twice (`ocr::read_again`): on a page tesseract reads poorly (the median confidence of
//! its words with digits below 90: 60–75 on low-resolution scans of small print, 94–97 on every
//! other page measured) those below 95; on any other page only those below 60.
//!
//! Without the model file (`--ocr-model`, which `cargo xtask serve` and the test command fetch
//! from PyPI) bills are read by tesseract alone, and the server says so at start.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tract_onnx::pb::ModelProto;
use tract_onnx::prelude::*;

/// The recogniser's input height, in pixels.
const HEIGHT: usize = 48;
/// Input widths, each planned once when first needed: the model's work grows with the width,
/// so a short word is read in a narrow one. A word wider than the last is squeezed into it.
const WIDTHS: [usize; 5] = [80, 128, 192, 256, 320];

/// Where the model is looked for when `init` was not called (tests, tools).
pub const MODEL_VARIABLE: &str = "ADVOCATE_OCR_MODEL";

type Plan = TypedSimplePlan<TypedModel>;

/// The model and its alphabet; a plan per input width, made when first needed.
pub struct SecondReader {
    proto: ModelProto,
    /// Index 0 is CTC's blank; then the model's characters, then a space.
    alphabet: Vec<String>,
    plans: [OnceLock<Option<Plan>>; WIDTHS.len()],
    path: PathBuf,
    /// Whether the model answers scores before its softmax (`without_softmax`), from which
    /// `decode` takes the probabilities it needs.
    scores: bool,
}

/// What the second reader read in one word's box, and how sure it was (the mean of its
/// characters' probabilities, 0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub text: String,
    pub confidence: f32,
}

/// A gray page: 8-bit pixels, row after row, `maxval` white.
pub struct Gray<'a> {
    pub width: usize,
    pub height: usize,
    pub maxval: u16,
    pub pixels: &'a [u8],
}

/// A word's box on the page, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

/// The model's file, from `init` or else from `ADVOCATE_OCR_MODEL`.
static MODEL: OnceLock<Option<PathBuf>> = OnceLock::new();
/// The model, read when a bill is first read: a server that reads no bill never pays for it.
static READER: OnceLock<Option<SecondReader>> = OnceLock::new();

/// Takes the model named by the server's `--ocr-model`, at start: a file that is not there is
/// an error the operator sees. Without a path, bills are read by tesseract alone.
pub fn init(path: Option<&Path>) -> anyhow::Result<()> {
    if let Some(path) = path {
        std::fs::metadata(path).map_err(|e| anyhow::anyhow!("cannot read the OCR model {}: {e}", path.display()))?;
    }
    // Several servers in one process (tests): the first one's.
    let _ = MODEL.set(path.map(Path::to_path_buf));
    Ok(())
}

fn model() -> Option<&'static Path> {
    MODEL.get_or_init(|| std::env::var_os(MODEL_VARIABLE).map(PathBuf::from)).as_deref()
}

/// Whether the server has a second reader's model.
pub fn configured() -> bool {
    model().is_some()
}

/// The second reader, read from its model on first use; `None` without a model, or when it
/// cannot be read (said once in the log).
pub fn get() -> Option<&'static SecondReader> {
    READER
        .get_or_init(|| {
            SecondReader::load(model()?)
                .inspect_err(
                    |e| tracing::warn!(error = %e, "the second OCR reader's model cannot be read: bills are read by tesseract alone"),
                )
                .ok()
        })
        .as_ref()
}

/// Reads and plans the second reader on a thread of its own (about 1.5 s of one core), once, when
/// the server is first asked to read a bill: ready by the time that bill's pages have been
/// through tesseract.
pub fn warm_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    if configured() {
        STARTED.call_once(|| {
            std::thread::spawn(|| get().map(SecondReader::warm));
        });
    }
}

impl SecondReader {
    /// Reads the model file and its alphabet (kept in the model's metadata, key `character`).
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        use tract_onnx::pb::type_proto::Value;
        let mut proto =
            tract_onnx::onnx().proto_model_for_path(path).with_context(|| format!("cannot read the OCR model {}", path.display()))?;
        let characters = proto
            .metadata_props
            .iter()
            .find(|p| p.key == "character")
            .map(|p| p.value.lines().map(String::from).collect::<Vec<_>>())
            .with_context(|| format!("{} is not a PaddleOCR recogniser: it has no alphabet", path.display()))?;
        // The exporter names the free dimensions in a way tract cannot parse ("p2o.Dynamic…");
        // each plan fixes them, so the file's own shapes are dropped.
        let graph = proto.graph.as_mut().context("the OCR model has no graph")?;
        for value in graph.input.iter_mut().chain(graph.output.iter_mut()).chain(graph.value_info.iter_mut()) {
            if let Some(Value::TensorType(tensor)) = value.r#type.as_mut().and_then(|t| t.value.as_mut()) {
                tensor.shape = None;
            }
        }
        let scores = without_softmax(graph);
        let mut alphabet = Vec::with_capacity(characters.len() + 2);
        alphabet.push(String::new());
        alphabet.extend(characters);
        alphabet.push(" ".into());
        Ok(SecondReader { proto, alphabet, plans: Default::default(), path: path.to_path_buf(), scores })
    }

    /// Plans every input width now (about 1.3 s of one core), rather than on the first poor
    /// page a member sends.
    pub fn warm(&self) {
        for bucket in 0..WIDTHS.len() {
            self.plan(bucket);
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn plan(&self, bucket: usize) -> Option<&Plan> {
        self.plans[bucket]
            .get_or_init(|| {
                let planned = tract_onnx::onnx()
                    .model_for_proto_model(&self.proto)
                    .and_then(|m| m.with_input_fact(0, f32::fact([1, 3, HEIGHT, WIDTHS[bucket]]).into()))
                    .and_then(|m| m.into_optimized())
                    .and_then(|m| m.into_runnable());
                planned.inspect_err(|e| tracing::warn!(error = %e, "the second OCR reader cannot plan its model")).ok()
            })
            .as_ref()
    }

    /// Reads the word in `rect` of the page (with a margin around it, as the recogniser was
    /// trained on whole lines).
    pub fn read(&self, page: &Gray, rect: Rect) -> Option<Reading> {
        let crop = crop(page, rect)?;
        let width = input_width(crop.width, crop.height);
        let bucket = WIDTHS.iter().position(|&w| w >= width).unwrap_or(WIDTHS.len() - 1);
        let input = normalised(page, &crop, width.min(WIDTHS[bucket]), WIDTHS[bucket]);
        let output = self.plan(bucket)?.run(tvec!(input.into_tensor().into())).ok()?;
        let probabilities = output.first()?.to_array_view::<f32>().ok()?;
        let shape = probabilities.shape();
        let (steps, classes) = (*shape.get(1)?, *shape.get(2)?);
        let flat = probabilities.as_slice()?;
        let flat = &flat[..steps * classes];
        Some(if self.scores {
            decode(best_of_scores(flat, classes), &self.alphabet)
        } else {
            decode(best_of(flat, classes), &self.alphabet)
        })
    }
}

/// Drops the model's last step when it is a softmax over its 6,625 characters, and answers
/// whether it did. Greedy decoding needs, at each step, only the likeliest character and its
/// probability; the softmax worked out all 6,625 (a sixth of the second reader's time, measured
/// with perf on the generated faxes), where `probabilities_of_best` works out one.
fn without_softmax(graph: &mut tract_onnx::pb::GraphProto) -> bool {
    let Some(output) = graph.output.first().map(|o| o.name.clone()) else { return false };
    let Some(last) = graph.node.iter().position(|n| n.op_type == "Softmax" && n.output.iter().any(|o| *o == output)) else {
        return false;
    };
    let Some(scores) = graph.node[last].input.first().cloned() else { return false };
    graph.node.remove(last);
    graph.output[0].name = scores;
    true
}

/// Scores below the best by more than this add under 2e-9 each to the softmax's sum (6,625 of
/// them, under 1.4e-5 in all): left out, so most steps work out a handful of exponentials.
const NEGLIGIBLE: f32 = 20.0;

/// At each step of a model's probabilities, the likeliest class and its probability.
fn best_of(probabilities: &[f32], classes: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
    probabilities
        .chunks_exact(classes)
        .map(|step| step.iter().copied().enumerate().fold((0, f32::MIN), |a, (i, v)| if v > a.1 { (i, v) } else { a }))
}

/// At each step of a model's scores (before its softmax), the likeliest class and its softmax
/// probability: 1 / Σ exp(score − best), leaving out the negligible.
fn best_of_scores(scores: &[f32], classes: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
    scores.chunks_exact(classes).zip(best_of(scores, classes)).map(|(step, (best, top))| {
        let sum: f32 = step.iter().filter(|&&v| v > top - NEGLIGIBLE).map(|&v| (v - top).exp()).sum();
        (best, 1.0 / sum)
    })
}

/// The part of the page read for a word: its box and a margin of a quarter of its height.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Crop {
    left: usize,
    top: usize,
    width: usize,
    height: usize,
}

fn crop(page: &Gray, rect: Rect) -> Option<Crop> {
    let margin = ((rect.bottom - rect.top) / 4.0).max(0.0) + 2.0;
    let left = (rect.left - margin).max(0.0) as usize;
    let top = (rect.top - margin).max(0.0) as usize;
    let right = ((rect.right + margin).max(0.0) as usize).min(page.width);
    let bottom = ((rect.bottom + margin).max(0.0) as usize).min(page.height);
    (right > left + 1 && bottom > top + 1).then(|| Crop { left, top, width: right - left, height: bottom - top })
}

/// The width a crop takes at the recogniser's height, its proportions kept.
fn input_width(width: usize, height: usize) -> usize {
    ((HEIGHT as f32 * width as f32 / height as f32).ceil() as usize).max(1)
}

/// The crop scaled (bilinear) to `HEIGHT` × `width`, its gray copied into the three colour
/// planes and mapped to −1…1 as the model was trained; the rest of the `padded` width is 0,
/// the padding PaddleOCR uses.
fn normalised(page: &Gray, crop: &Crop, width: usize, padded: usize) -> tract_ndarray::Array4<f32> {
    let mut input = tract_ndarray::Array4::<f32>::zeros((1, 3, HEIGHT, padded));
    let white = f32::from(page.maxval.max(1));
    let pixel =
        |x: usize, y: usize| f32::from(page.pixels[(crop.top + y.min(crop.height - 1)) * page.width + crop.left + x.min(crop.width - 1)]);
    for y in 0..HEIGHT {
        let source_y = ((y as f32 + 0.5) * crop.height as f32 / HEIGHT as f32 - 0.5).max(0.0);
        let (y0, fy) = (source_y.floor() as usize, source_y.fract());
        for x in 0..width {
            let source_x = ((x as f32 + 0.5) * crop.width as f32 / width as f32 - 0.5).max(0.0);
            let (x0, fx) = (source_x.floor() as usize, source_x.fract());
            let top = pixel(x0, y0) * (1.0 - fx) + pixel(x0 + 1, y0) * fx;
            let bottom = pixel(x0, y0 + 1) * (1.0 - fx) + pixel(x0 + 1, y0 + 1) * fx;
            let value = ((top * (1.0 - fy) + bottom * fy) / white - 0.5) / 0.5;
            for plane in 0..3 {
                input[[0, plane, y, x]] = value;
            }
        }
    }
    input
}

/// CTC's greedy decoding of each step's likeliest class and its probability: blanks dropped,
/// and a class repeated in consecutive steps written once.
fn decode(steps: impl IntoIterator<Item = (usize, f32)>, alphabet: &[String]) -> Reading {
    let (mut text, mut sum, mut count, mut last) = (String::new(), 0.0f32, 0usize, 0usize);
    for (best, p) in steps {
        if best != 0 && best != last {
            text.push_str(alphabet.get(best).map_or("", String::as_str));
            sum += p;
            count += 1;
        }
        last = best;
    }
    Reading { text, confidence: if count == 0 { 0.0 } else { sum / count as f32 } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alphabet() -> Vec<String> {
        ["", "1", "2", "$", " "].iter().map(|s| s.to_string()).collect()
    }

    fn steps(classes: &[(usize, f32)]) -> Vec<f32> {
        let mut out = Vec::new();
        for &(class, p) in classes {
            let mut step = vec![(1.0 - p) / 4.0; 5];
            step[class] = p;
            out.extend(step);
        }
        out
    }

    #[test]
    fn ctc_drops_blanks_and_writes_a_repeated_class_once_unless_a_blank_parts_them() {
        let read = decode(best_of(&steps(&[(3, 0.9), (1, 0.8), (1, 0.9), (0, 0.9), (1, 0.7), (2, 1.0), (0, 0.9)]), 5), &alphabet());
        assert_eq!(read.text, "$112");
        assert!((read.confidence - (0.9 + 0.8 + 0.7 + 1.0) / 4.0).abs() < 1e-6);
        let nothing = decode(best_of(&steps(&[(0, 0.9), (0, 0.9)]), 5), &alphabet());
        assert_eq!(nothing, Reading { text: String::new(), confidence: 0.0 });
    }

    #[test]
    fn scores_give_the_class_and_probability_their_softmax_would() {
        // Two steps of five scores, one with a score far below the rest (left out of the sum).
        let scores = [1.0f32, 3.0, 0.5, -40.0, 2.0, 0.0, 0.1, 4.0, 0.2, -0.3];
        for (step, (best, p)) in scores.chunks(5).zip(best_of_scores(&scores, 5)) {
            let sum: f32 = step.iter().map(|v| v.exp()).sum();
            let softmax: Vec<f32> = step.iter().map(|v| v.exp() / sum).collect();
            let (expected, q) = best_of(&softmax, 5).next().unwrap();
            assert_eq!(best, expected);
            assert!((p - q).abs() < 1e-6, "{p} against {q}");
        }
    }

    #[test]
    fn the_softmax_at_the_end_of_the_model_is_cut_and_any_other_end_kept() {
        use tract_onnx::pb::{GraphProto, NodeProto, ValueInfoProto};
        let node = |op: &str, input: &str, output: &str| NodeProto {
            op_type: op.into(),
            input: vec![input.into()],
            output: vec![output.into()],
            ..Default::default()
        };
        let output = |name: &str| ValueInfoProto { name: name.into(), ..Default::default() };
        let mut ends_in_softmax = GraphProto {
            node: vec![node("MatMul", "x", "scores"), node("Softmax", "scores", "probabilities")],
            output: vec![output("probabilities")],
            ..Default::default()
        };
        assert!(without_softmax(&mut ends_in_softmax));
        assert_eq!(ends_in_softmax.node.len(), 1);
        assert_eq!(ends_in_softmax.output[0].name, "scores");
        let mut ends_otherwise = GraphProto {
            node: vec![node("Softmax", "x", "p"), node("Identity", "p", "out")],
            output: vec![output("out")],
            ..Default::default()
        };
        assert!(!without_softmax(&mut ends_otherwise));
        assert_eq!(ends_otherwise.node.len(), 2);
    }

    #[test]
    fn a_word_is_read_with_a_margin_of_a_quarter_of_its_height_within_the_page() {
        let pixels = vec![255u8; 100 * 50];
        let page = Gray { width: 100, height: 50, maxval: 255, pixels: &pixels };
        let inside = crop(&page, Rect { left: 20.0, top: 10.0, right: 60.0, bottom: 30.0 }).unwrap();
        assert_eq!(inside, Crop { left: 13, top: 3, width: 54, height: 34 });
        let at_the_edge = crop(&page, Rect { left: 0.0, top: 40.0, right: 99.0, bottom: 50.0 }).unwrap();
        assert_eq!(
            (at_the_edge.left, at_the_edge.top, at_the_edge.left + at_the_edge.width, at_the_edge.top + at_the_edge.height),
            (0, 35, 100, 50)
        );
        assert!(crop(&page, Rect { left: 200.0, top: 10.0, right: 260.0, bottom: 30.0 }).is_none(), "off the page");
    }

    #[test]
    fn the_input_keeps_the_words_proportions_maps_white_to_one_and_pads_with_zero() {
        // 20 × 10, black left half, white right half: 96 wide at height 48, in an 128 input.
        let pixels: Vec<u8> = (0..200).map(|i| if i % 20 < 10 { 0 } else { 255 }).collect();
        let page = Gray { width: 20, height: 10, maxval: 255, pixels: &pixels };
        let whole = Crop { left: 0, top: 0, width: 20, height: 10 };
        assert_eq!(input_width(20, 10), 96);
        let input = normalised(&page, &whole, 96, 128);
        assert_eq!(input.shape(), &[1, 3, 48, 128]);
        assert_eq!(input[[0, 0, 20, 5]], -1.0, "black");
        assert_eq!(input[[0, 2, 20, 90]], 1.0, "white, in every plane");
        assert_eq!(input[[0, 1, 20, 120]], 0.0, "padding");
    }
}
