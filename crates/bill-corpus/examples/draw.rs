//! Writes the corpus for a seed into a folder, to look at: `cargo run -p advocate-bill-corpus
//! --example draw -- SEED FOLDER`.

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(14);
    let folder = std::path::PathBuf::from(args.next().unwrap_or_else(|| "/tmp/bill-corpus".into()));
    std::fs::create_dir_all(&folder)?;
    for specimen in advocate_bill_corpus::corpus(seed) {
        let drawn = advocate_bill_corpus::draw(&specimen, &folder)?;
        for (i, file) in drawn.files.iter().enumerate() {
            let extension = match file.get(..4) {
                Some(b"%PDF") => "pdf",
                Some([0x89, b'P', ..]) => "png",
                _ => "jpg",
            };
            std::fs::write(folder.join(format!("{}-{i}.{extension}", specimen.name)), file)?;
        }
        println!("{}: {} pages, {} charges", specimen.name, drawn.pages, drawn.truth.charges.len());
    }
    Ok(())
}
