//! Reads bills as the server does and prints what was read: each charge beside the row it was
//! read from, the rows to check, the stated total. For working on the reader with a bill that
//! reads badly:
//!
//! ```sh
//! ADVOCATE_OCR_MODEL=target/ocr-models/ch_PP-OCRv4_rec_infer.onnx \
//!   cargo run --release -p advocate-server --example read_bill -- bill.pdf [page-2.jpg …]
//! ```
//!
//! Nothing here is kept: the reader's own temporary folder goes when it is done.

use advocate_server::bill_reading::queue::{QueueSettings, ReadingQueue};
use advocate_server::bill_reading::read_bill;

#[tokio::main]
async fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: read_bill FILE [FILE …]");
        std::process::exit(2);
    }
    let queue = ReadingQueue::new(QueueSettings::default());
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{file}: {error}");
                continue;
            }
        };
        let started = std::time::Instant::now();
        match read_bill(&queue, &bytes).await {
            Ok(reading) => {
                println!("{file}: {} pages by {:?}, {:.2} s", reading.pages, reading.method, started.elapsed().as_secs_f64());
                for (line, row) in reading.bill.lines.iter().zip(&reading.rows) {
                    let code = line.code.as_deref().unwrap_or("-");
                    println!("  {code:>6} ×{:<3} {:>12}   | p{} {}", line.units, line.charge.to_string(), row.page + 1, row.text);
                }
                for row in &reading.to_check {
                    println!("  to check: p{} {}", row.page + 1, row.text);
                }
                println!("  stated total: {:?}", reading.bill.stated_total.map(|m| m.to_string()));
            }
            Err(error) => println!("{file}: {error}"),
        }
    }
}
