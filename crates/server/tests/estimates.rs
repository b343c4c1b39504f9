//! Cost estimates over real HTTP: the bundled schedule, every bad input, and an operator's
//! import of CMS's complete files (their copies in testdata/) on SQLite and PostgreSQL.

mod common;
mod testdata;

use advocate_domain::estimate::{Covers, Estimate, Facility, ZipMatch};
use advocate_domain::preventive::PreventiveRule;
use advocate_domain::procedures::{Procedure, Setting};
use advocate_domain::{Money, Problem};
use advocate_server::pricing::import::{ImportFiles, read_files};
use advocate_server::pricing::{PriceBook, Subject};
use advocate_server::storage;
use common::{Db, TestApp};

async fn estimate(app: &TestApp, query: &str) -> Estimate {
    let response = app.get(&format!("/api/estimates?{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.unwrap()
}

async fn problem(app: &TestApp, query: &str) -> Problem {
    let response = app.get(&format!("/api/estimates?{query}")).await;
    assert_eq!(response.status(), 422, "{query}");
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    response.json().await.unwrap()
}

fn office(estimate: &Estimate) -> Money {
    estimate.prices.iter().find(|p| p.setting == Setting::Office).expect("an office price").medicare
}

#[tokio::test]
async fn an_office_visit_in_manhattan_is_priced_with_its_ranges_and_sources() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let visit = estimate(&app, "zip=10001&code=99213").await;
    assert_eq!(visit.locality.name, "Manhattan, NY");
    assert_eq!(visit.zip_match, ZipMatch::Exact);
    assert_eq!(visit.subject.procedure_id.as_deref(), Some("office-visit-established"));
    // The domain's worked example: $101.06 in the office, $71.64 in a facility (2025).
    assert_eq!(office(&visit), Money::from_cents(10_106));
    assert_eq!(visit.prices[1].medicare, Money::from_cents(7_164));
    // The bundled ranges: 110–160% in network, 200–400% list price.
    assert_eq!(visit.prices[0].in_network.low, Money::from_cents(11_117));
    assert_eq!(visit.prices[0].list_price.high, Money::from_cents(40_424));
    assert_eq!(visit.year, 2025);
    assert!(visit.sources.iter().any(|s| s.citation.contains("Physician Fee Schedule 2025")));
    assert!(visit.sources.iter().any(|s| s.citation.contains("Congressional Budget Office")));
}

#[tokio::test]
async fn the_same_scan_costs_more_in_san_francisco_than_in_alabama_and_zip_plus_4_is_read() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let sf = estimate(&app, "zip=94110&service=mri-knee").await;
    let al = estimate(&app, "zip=35203-1234&service=mri-knee").await;
    assert_eq!(al.zip.as_str(), "35203");
    assert!(office(&sf) > office(&al), "{:?} vs {:?}", office(&sf), office(&al));
    // In a hospital the doctor bills the reading only; the facility's fee is not invented, and
    // the estimate says its figures are the doctor's part beside it.
    let hospital = sf.prices.iter().find(|p| p.setting == Setting::Facility).unwrap();
    assert!(hospital.medicare < office(&sf));
    assert_eq!(hospital.place, "At a hospital");
    let Covers::DoctorsPart(fee) = &hospital.covers else { panic!("a hospital scan priced as the whole bill") };
    assert_eq!(fee.facility, Facility::Hospital);
    assert!(fee.plus.contains("facility fee, usually the larger part"));
    assert_eq!(sf.preventive, None);
}

#[tokio::test]
async fn a_screening_says_it_is_often_free_and_a_colonoscopy_may_be_at_a_surgery_center() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let screening = estimate(&app, "zip=10001&service=colonoscopy-screening").await;
    let care = screening.preventive.expect("a screening colonoscopy is preventive care");
    assert_eq!(care.rule, PreventiveRule::AcaPreventiveCare);
    assert_eq!(screening.prices[0].place, "At a hospital or surgery center");
    assert!(matches!(&screening.prices[0].covers, Covers::DoctorsPart(fee) if fee.facility == Facility::HospitalOrSurgeryCenter));
    assert_eq!(screening.prices[1].covers, Covers::Whole, "in an office, one bill");
}

#[tokio::test]
async fn lab_tests_and_services_medicare_does_not_cover_are_priced_and_labelled() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let cbc = estimate(&app, "zip=60601&service=cbc").await;
    assert_eq!(cbc.prices.len(), 1);
    assert_eq!(cbc.prices[0].setting, Setting::Lab);
    assert_eq!(cbc.prices[0].medicare, Money::from_cents(777), "the national lab rate, the same everywhere");
    assert!(cbc.sources[0].citation.contains("Clinical Laboratory Fee Schedule"));
    let physical = estimate(&app, "zip=60601&code=99395").await;
    assert!(!physical.medicare_covers);
    assert!(office(&physical).cents() > 0);
}

#[tokio::test]
async fn every_bad_input_is_a_422_that_names_the_field() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let field = |p: &Problem| p.errors.iter().map(|e| e.field.clone()).collect::<Vec<_>>();
    for (query, fields, says) in [
        ("code=99213", vec!["zip"], "Enter the ZIP code"),
        ("zip=1234&code=99213", vec!["zip"], "5-digit ZIP code"),
        ("zip=abcde&code=99213", vec!["zip"], "5-digit ZIP code"),
        ("zip=10001-12&code=99213", vec!["zip"], "ZIP+4"),
        ("zip=00000&code=99213", vec!["zip"], "could not find ZIP code 00000"),
        ("zip=10001", vec!["service"], "Choose a service"),
        ("zip=10001&code=99213&service=mri-knee", vec!["code"], "not both"),
        ("zip=10001&code=9921", vec!["code"], "five characters"),
        ("zip=10001&code=11042", vec!["code"], "not among the codes this site prices"),
        ("zip=10001&service=no-such-thing", vec!["service"], "Choose a service from the list"),
        ("zip=1&code=x", vec!["zip", "code"], "ZIP"),
    ] {
        let p = problem(&app, query).await;
        assert_eq!(field(&p), fields, "{query}");
        assert!(p.errors[0].message.contains(says), "{query}: {:?}", p.errors);
        assert!(p.request_id.is_some());
    }
}

#[tokio::test]
async fn the_catalog_is_served_whole_and_searched_by_words_code_and_typos() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let response = app.get("/api/procedures").await;
    assert_eq!(response.headers()["cache-control"], "public, max-age=3600");
    let all: Vec<Procedure> = response.json().await.unwrap();
    assert!(all.len() >= 150, "{}", all.len());
    for (query, first) in [
        ("knee%20mri", "mri-knee"),
        ("mri%20knee", "mri-knee"),
        ("colonoscopy", "colonoscopy"),
        ("99213", "office-visit-established"),
        ("kne%20mri", "mri-knee"),
    ] {
        let found: Vec<Procedure> = app.get(&format!("/api/procedures?q={query}")).await.json().await.unwrap();
        assert!(
            found.first().is_some_and(|p| p.id.starts_with(first)),
            "{query}: {:?}",
            found.iter().take(3).map(|p| &p.id).collect::<Vec<_>>()
        );
    }
}

/// CMS's files as an operator hands them to the importer: plain files in a folder (kept while
/// the returned folder lives).
fn official_files() -> (tempfile::TempDir, ImportFiles) {
    let folder = tempfile::tempdir().unwrap();
    let unpack = |name: &str| testdata::unpack(name, folder.path());
    let files = ImportFiles {
        year: 2025,
        rvu: unpack("cms-pfs-2025/PPRRVU2025_Oct.csv.gz"),
        gpci: unpack("cms-pfs-2025/GPCI2025.csv.gz"),
        locality_counties: unpack("cms-pfs-2025/25LOCCO.csv.gz"),
        zip5: unpack("cms-pfs-2025/ZIP5_OCT2025.txt.gz"),
        clfs: unpack("cms-clfs-2025/CLFS2025Q2V1.csv.gz"),
    };
    (folder, files)
}

fn ranges() -> advocate_domain::estimate::PriceRanges {
    advocate_server::pricing::ranges::load(None).unwrap()
}

#[test]
fn the_importer_reads_every_official_file_and_agrees_with_the_bundled_tables() {
    let (_folder, files) = official_files();
    let import = read_files(&files, advocate_domain::Timestamp::from_unix_seconds(0)).unwrap();
    assert_eq!(import.rvus.len(), 19_090);
    assert_eq!(import.localities.len(), 109);
    assert_eq!(import.zips.len(), 42_956);
    assert!(import.counties.len() >= 109, "{}", import.counties.len());
    assert!(import.lab_rates.len() > 1_500, "{}", import.lab_rates.len());
    assert_eq!(import.conversion_factor, 323_465);

    // Every catalog service, priced from the import, costs what the bundled tables say, in
    // every setting, in every locality.
    let imported = PriceBook::imported(import.clone(), ranges());
    let bundled = PriceBook::bundled(ranges());
    let zips: Vec<String> = import
        .localities
        .iter()
        .filter_map(|l| import.zips.iter().find(|z| z.mac == l.mac && z.locality == l.locality && !z.plus_four))
        .map(|z| z.zip.clone())
        .collect();
    assert!(zips.len() >= 100, "one ZIP code per locality: {}", zips.len());
    // ZIP codes the bundled directory places in the same locality as CMS's file (the few it
    // does not are counted by tests/zip_localities.rs).
    let same_place: Vec<advocate_domain::Zip> = zips
        .iter()
        .map(|zip| advocate_domain::Zip::parse(zip).unwrap())
        .filter(|&zip| {
            let subject = Subject::Code("99213".into());
            matches!((bundled.estimate(zip, &subject), imported.estimate(zip, &subject)), (Ok(a), Ok(b)) if a.locality == b.locality)
        })
        .collect();
    assert!(same_place.len() >= 100, "{} of {} localities", same_place.len(), zips.len());
    for procedure in bundled.procedures() {
        for &zip in same_place.iter().step_by(5) {
            let subject = Subject::Procedure(procedure.id.clone());
            let ours = bundled.estimate(zip, &subject).unwrap();
            let theirs = imported.estimate(zip, &subject).unwrap();
            assert_eq!(ours.prices, theirs.prices, "{} in {zip}", procedure.id);
        }
    }
}

#[test]
fn an_import_prices_any_code_and_reports_carrier_priced_and_split_zip_codes() {
    let (_folder, files) = official_files();
    let import = read_files(&files, advocate_domain::Timestamp::from_unix_seconds(0)).unwrap();
    let book = PriceBook::imported(import, ranges());
    let zip = advocate_domain::Zip::parse("10001").unwrap();
    let debridement = book.estimate(zip, &Subject::Code("11042".into())).unwrap();
    assert_eq!(debridement.subject.name, "Code 11042", "no AMA description");
    assert_eq!(debridement.subject.procedure_id, None);
    let carrier = book.estimate(zip, &Subject::Code("0071T".into())).unwrap_err();
    assert!(carrier.to_string().contains("local Medicare contractor prices it"), "{carrier}");
    let split = book.estimate(advocate_domain::Zip::parse("35958").unwrap(), &Subject::Code("99213".into())).unwrap();
    assert_eq!(split.zip_match, ZipMatch::SplitByZipPlus4);
    assert!(book.search("11042").first().is_some_and(|p| p.name == "Code 11042"));
}

on_both_databases! {
    async fn an_import_is_stored_whole_replaces_the_last_and_a_failed_one_changes_nothing(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = common::fresh_database(db, &dir.path().join("advocate.db")).await;
        let storage = storage::connect(&url).await.unwrap();
        assert_eq!(storage.fee_schedule().await.unwrap(), None);

        let (_folder, files) = official_files();
        let import = read_files(&files, advocate_domain::Timestamp::from_unix_seconds(1_764_000_000)).unwrap();
        storage.replace_fee_schedule(&import).await.unwrap();
        let mut loaded = storage.fee_schedule().await.unwrap().expect("stored");
        let key = |r: &advocate_domain::cms_files::RvuRecord| (r.hcpcs.clone(), r.modifier.clone());
        loaded.rvus.sort_by_key(key);
        let mut expected = import.clone();
        expected.rvus.sort_by_key(key);
        loaded.zips.sort_by(|a, b| a.zip.cmp(&b.zip));
        expected.zips.sort_by(|a, b| a.zip.cmp(&b.zip));
        assert_eq!(loaded.rvus, expected.rvus);
        assert_eq!(loaded.zips, expected.zips);
        assert_eq!(loaded.lab_rates, expected.lab_rates);
        assert_eq!((loaded.year, loaded.conversion_factor, loaded.localities.len()), (2025, 323_465, 109));

        // A broken import (a ZIP code twice) fails as a whole: the stored one is untouched.
        let mut broken = import.clone();
        broken.year = 2026;
        broken.zips.push(broken.zips[0].clone());
        assert!(storage.replace_fee_schedule(&broken).await.is_err());
        let after = storage.fee_schedule().await.unwrap().expect("still stored");
        assert_eq!((after.year, after.rvus.len(), after.zips.len()), (2025, 19_090, 42_956));

        // A server started on that database prices codes outside the catalog.
        let app = TestApp::spawn_with(db, |config| config.database_url = Some(url.clone())).await;
        let response = app.get("/api/estimates?zip=10001&code=11042").await;
        assert_eq!(response.status(), 200);
        let estimate: Estimate = response.json().await.unwrap();
        assert_eq!(estimate.subject.name, "Code 11042");
    }
}

#[tokio::test]
async fn the_catalog_the_browser_searches_is_sent_compressed_under_30_kb() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for (encoding, budget) in [("br", 30_000), ("gzip", 30_000)] {
        let response = app.client.get(format!("{}/api/procedures", app.url)).header("accept-encoding", encoding).send().await.unwrap();
        assert_eq!(response.headers()["content-encoding"], encoding);
        let size = response.bytes().await.unwrap().len();
        assert!(size < budget, "{encoding}: {size} bytes");
    }
    // Only the catalogs are compressed; other bodies, such as a receipt with its verifier, are not.
    let response = app.client.get(format!("{}/api/program", app.url)).header("accept-encoding", "br").send().await.unwrap();
    assert!(response.headers().get("content-encoding").is_none());
}
