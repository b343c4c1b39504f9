//! The bundled ZIP resolution against CMS's official ZIP-to-locality file (ZIP5_OCT2025.txt, its
//! copy in testdata/; fixed width: state 1–2, ZIP 3–7, carrier 8–12, locality 13–14, plus-four
//! flag 21).

mod testdata;

use advocate_domain::Zip;
use advocate_server::zip_directory::ZipDirectory;
use std::collections::BTreeMap;

#[test]
fn bundled_zip_resolution_agrees_with_the_official_crosswalk() {
    let text = testdata::text("cms-pfs-2025/ZIP5_OCT2025.txt.gz");
    let directory = ZipDirectory::bundled();
    let (mut total, mut agree, mut missing, mut plus_four_disagree, mut by_neighbour) = (0, 0, 0, 0, 0);
    let mut disagreements: BTreeMap<String, usize> = BTreeMap::new();
    for line in text.lines().filter(|l| l.len() >= 21) {
        let (state, zip, carrier, locality, plus_four) = (&line[0..2], &line[2..7], &line[7..12], &line[12..14], &line[20..21]);
        total += 1;
        let Ok(zip) = Zip::parse(zip) else { continue };
        match directory.locality(&zip) {
            None => missing += 1,
            Some(found) if found.locality.number == locality && (found.locality.mac == carrier || found.locality.state == state) => {
                agree += 1;
                by_neighbour += usize::from(!found.exact);
            }
            Some(found) => {
                let ours = found.locality;
                if plus_four == "1" {
                    plus_four_disagree += 1;
                }
                *disagreements
                    .entry(format!("{state} official {carrier}/{locality}, ours {}/{} ({})", ours.mac, ours.number, ours.name))
                    .or_default() += 1;
            }
        }
    }
    let share = agree as f64 * 100.0 / total as f64;
    println!(
        "ZIP to locality: {agree} of {total} official ZIPs agree ({share:.2}%; {by_neighbour} of them through the nearest listed ZIP); \
         {missing} have no listed ZIP in their area; {} disagree, {plus_four_disagree} of them split by ZIP+4 in CMS's file",
        total - agree - missing
    );
    for (what, count) in disagreements.iter().filter(|(_, n)| **n >= 20) {
        println!("  {count:5} × {what}");
    }
    assert!(share >= 99.5, "agreement fell to {share:.2}%");
}
