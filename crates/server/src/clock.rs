//! The server's one reading of the wall clock.

use advocate_domain::Timestamp;

pub fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Timestamp::from_unix_seconds(seconds as i64)
}
