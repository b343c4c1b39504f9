//! Backup and restore of the SQLite database, the way an operator runs them: `advocate-server
//! backup --to FILE` while members keep sending requests, then `restore --from FILE` into
//! another server's folder with the same key. Every request acknowledged before the backup
//! began is in it and opens (its sealed answers too); nothing in it is half-written; a backup
//! that is damaged, or sealed with another key, is refused and the database left as it was.

mod common;

use advocate_domain::RequestReceipt;
use common::{Db, TestApp, second_opinion_request};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

fn server_command(data_dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_advocate-server"));
    command.arg("--data-dir").arg(data_dir).env("ADVOCATE_LOG", "warn");
    command
}

fn run(command: &mut std::process::Command) -> (bool, String) {
    let out = command.output().expect("the server binary runs");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

async fn status(app: &TestApp, receipt: &RequestReceipt) -> u16 {
    let url = format!("{}/api/requests/{}", app.url, receipt.reference);
    app.client.get(url).bearer_auth(&receipt.verifier).send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_taken_under_load_restores_every_acknowledged_request_and_a_bad_one_changes_nothing() {
    let app = TestApp::spawn(Db::Sqlite).await;
    // Members send requests, one after another on four connections, until told to stop.
    let acknowledged: Arc<Mutex<Vec<(Instant, RequestReceipt)>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut senders = Vec::new();
    for _ in 0..4 {
        let (client, url, acknowledged, stop) = (app.client.clone(), app.url.clone(), acknowledged.clone(), stop.clone());
        senders.push(tokio::spawn(async move {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let response = client
                    .post(format!("{url}/api/requests"))
                    .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
                    .json(&second_opinion_request("employee"))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 201);
                let receipt: RequestReceipt = response.json().await.unwrap();
                acknowledged.lock().unwrap().push((Instant::now(), receipt));
            }
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let work = tempfile::tempdir().unwrap();
    let backup = work.path().join("advocate-backup.db");
    let began = Instant::now();
    let (ok, said) = tokio::task::spawn_blocking({
        let (data, backup) = (app.data_dir().to_path_buf(), backup.clone());
        move || run(server_command(&data).arg("backup").arg("--to").arg(&backup))
    })
    .await
    .unwrap();
    let ended = Instant::now();
    assert!(ok, "{said}");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for sender in senders {
        sender.await.unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600, "the backup is its owner's only");
    }
    let (again, said) = run(server_command(app.data_dir()).arg("backup").arg("--to").arg(&backup));
    assert!(!again && said.contains("exists"), "an earlier backup is never overwritten: {said}");

    // Restored into another server's folder, with the key file.
    let restored_dir = work.path().join("restored");
    std::fs::create_dir(&restored_dir).unwrap();
    std::fs::copy(app.data_dir().join("bill-files.key"), restored_dir.join("bill-files.key")).unwrap();
    let (ok, said) = run(server_command(&restored_dir).arg("restore").arg("--from").arg(&backup));
    assert!(ok, "{said}");
    let restored = TestApp::spawn_with(Db::Sqlite, |config| {
        config.data_dir = restored_dir.clone();
        config.database_url = None;
        config.bill_key_file = None;
    })
    .await;

    let all = acknowledged.lock().unwrap().clone();
    let before: Vec<&RequestReceipt> = all.iter().filter(|(at, _)| *at < began).map(|(_, r)| r).collect();
    let after: Vec<&RequestReceipt> = all.iter().filter(|(at, _)| *at > ended).map(|(_, r)| r).collect();
    let mut found_before = 0;
    for receipt in &before {
        assert_eq!(status(&restored, receipt).await, 200, "acknowledged before the backup: in it, and it opens");
        found_before += 1;
    }
    let mut in_backup = 0;
    for (_, receipt) in &all {
        match status(&restored, receipt).await {
            200 => in_backup += 1,
            401 => {}
            other => panic!("a request in the backup answers {other}"),
        }
    }
    for receipt in &after {
        assert_eq!(status(&restored, receipt).await, 401, "sent after the backup ended: not in it");
    }

    // A damaged backup, and one sealed with another key: refused, the database unchanged.
    let damaged = work.path().join("damaged.db");
    let mut bytes = std::fs::read(&backup).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&damaged, bytes).unwrap();
    let other_dir = work.path().join("other");
    std::fs::create_dir(&other_dir).unwrap();
    let (ok, _) = run(server_command(&other_dir).arg("restore").arg("--from").arg(&backup));
    assert!(!ok, "a backup sealed with another key than this server's is refused");
    let (ok, said) = run(server_command(&restored_dir).arg("restore").arg("--from").arg(&damaged));
    assert!(!ok, "a damaged backup is refused: {said}");
    assert!(said.contains("damaged") || said.contains("is not a"), "the refusal says why: {said}");
    assert_eq!(status(&restored, before[0]).await, 200, "the database is as it was");
    println!(
        "[report] backup round trip under load (SQLite, 4 members sending): {} requests acknowledged before the backup, {found_before} restored and readable; {in_backup} in the backup of {} acknowledged in all; backup took {:.2} s; a damaged backup and one sealed with another key refused",
        before.len(),
        all.len(),
        (ended - began).as_secs_f64()
    );
}
