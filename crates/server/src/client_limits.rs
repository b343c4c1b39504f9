//! Limits on what one client may ask of the server without signing in: opening requests, adding
//! pages of a bill, reading a bill (OCR) and reviewing one, each a token bucket per client address
//! (an hour's allowance, of which a sixth may come at once); a total size for a request's
//! attached bill; and no uploads while the disk under the data folder is nearly full.
//!
//! A client is its address, or with `--client-address-header` the address a trusted reverse
//! proxy names (the last one in that header: the one the proxy itself saw). IPv6 addresses count
//! by their /64 network, which one household or one attacker usually holds whole. The buckets are
//! kept in memory: a deployment of N servers allows N times as much, which still stops one client
//! from flooding any of them.

use axum::http::{HeaderMap, HeaderName};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a bucket counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limited {
    /// `POST /api/requests`.
    OpeningRequests,
    /// `POST /api/requests/{reference}/bill/pages`.
    BillPages,
    /// `POST /api/bills/read`.
    BillReads,
    /// `POST /api/bills/review` and `PUT /api/requests/{reference}/bill`.
    BillReviews,
}

/// The deployment's limits, from its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientLimitSettings {
    pub address_header: Option<HeaderName>,
    pub requests_per_hour: u32,
    pub bill_pages_per_hour: u32,
    pub bill_reads_per_hour: u32,
    pub bill_reviews_per_hour: u32,
    /// The most a request's attached bill may hold, every file together.
    pub bill_bytes_per_request: u64,
    /// Uploads are refused while less than this is free under `data_dir`.
    pub min_free_disk_bytes: u64,
    pub data_dir: PathBuf,
}

pub struct ClientLimits {
    pub settings: ClientLimitSettings,
    opening_requests: DefaultKeyedRateLimiter<IpAddr>,
    bill_pages: DefaultKeyedRateLimiter<IpAddr>,
    bill_reads: DefaultKeyedRateLimiter<IpAddr>,
    bill_reviews: DefaultKeyedRateLimiter<IpAddr>,
}

/// An hour's allowance, a sixth of it (ten minutes' worth, at least one) at once.
fn hourly(per_hour: u32) -> DefaultKeyedRateLimiter<IpAddr> {
    let per_hour = NonZeroU32::new(per_hour).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(per_hour.get() / 6).unwrap_or(NonZeroU32::MIN);
    RateLimiter::keyed(Quota::per_hour(per_hour).allow_burst(burst))
}

impl ClientLimits {
    pub fn new(settings: ClientLimitSettings) -> Self {
        Self {
            opening_requests: hourly(settings.requests_per_hour),
            bill_pages: hourly(settings.bill_pages_per_hour),
            bill_reads: hourly(settings.bill_reads_per_hour),
            bill_reviews: hourly(settings.bill_reviews_per_hour),
            settings,
        }
    }

    fn bucket(&self, what: Limited) -> &DefaultKeyedRateLimiter<IpAddr> {
        match what {
            Limited::OpeningRequests => &self.opening_requests,
            Limited::BillPages => &self.bill_pages,
            Limited::BillReads => &self.bill_reads,
            Limited::BillReviews => &self.bill_reviews,
        }
    }

    /// Takes one from the client's bucket; when it is empty, how long until one is back.
    pub fn take(&self, what: Limited, client: IpAddr) -> Result<(), Duration> {
        self.bucket(what).check_key(&client_key(client)).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets the clients whose buckets are full again, so memory stays bounded.
    pub fn forget_idle_clients(&self) {
        for what in [Limited::OpeningRequests, Limited::BillPages, Limited::BillReads, Limited::BillReviews] {
            let bucket = self.bucket(what);
            bucket.retain_recent();
            bucket.shrink_to_fit();
        }
    }

    /// The client's address: from the trusted proxy's header when one is set and holds an
    /// address, else the connection's.
    pub fn client_address(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> Option<IpAddr> {
        let from_proxy = self.settings.address_header.as_ref().and_then(|name| headers.get(name)).and_then(|value| {
            let last = value.to_str().ok()?.rsplit(',').next()?.trim();
            last.parse::<IpAddr>().ok().or_else(|| last.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
        });
        from_proxy.or(peer)
    }

    /// Whether the disk under the data folder has room for an upload (true when it cannot be told).
    pub fn disk_has_room(&self) -> bool {
        match free_bytes(&self.settings.data_dir) {
            Ok(free) => free >= self.settings.min_free_disk_bytes,
            Err(error) => {
                tracing::warn!(%error, "cannot tell the free space under the data folder");
                true
            }
        }
    }
}

/// Bytes free for the server under `dir` (or its nearest existing parent).
fn free_bytes(dir: &Path) -> std::io::Result<u64> {
    let existing = dir.ancestors().find(|d| d.exists()).unwrap_or(Path::new("."));
    let stats = rustix::fs::statvfs(existing)?;
    Ok(stats.f_bavail.saturating_mul(stats.f_frsize))
}

/// The key a client counts under: its IPv4 address, or its IPv6 /64 network.
fn client_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let segments = v6.segments();
                IpAddr::V6(Ipv6Addr::new(segments[0], segments[1], segments[2], segments[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(address_header: Option<&str>) -> ClientLimits {
        ClientLimits::new(ClientLimitSettings {
            address_header: address_header.map(|h| HeaderName::from_bytes(h.as_bytes()).unwrap()),
            requests_per_hour: 30,
            bill_pages_per_hour: 120,
            bill_reads_per_hour: 60,
            bill_reviews_per_hour: 600,
            bill_bytes_per_request: 100_000_000,
            min_free_disk_bytes: 0,
            data_dir: PathBuf::from("."),
        })
    }

    #[test]
    fn a_sixth_of_the_hourly_allowance_may_come_at_once() {
        let limits = limits(None);
        let client: IpAddr = "192.0.2.7".parse().unwrap();
        for _ in 0..5 {
            assert_eq!(limits.take(Limited::OpeningRequests, client), Ok(()));
        }
        let wait = limits.take(Limited::OpeningRequests, client).unwrap_err();
        assert!(wait <= Duration::from_secs(120) && wait > Duration::from_secs(100), "one request every two minutes: {wait:?}");
        assert_eq!(limits.take(Limited::OpeningRequests, "192.0.2.8".parse().unwrap()), Ok(()), "other clients are not affected");
        assert_eq!(limits.take(Limited::BillReviews, client), Ok(()), "each kind has its own bucket");
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64_network() {
        assert_eq!(client_key("2001:db8:1:2:aaaa::1".parse().unwrap()), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn the_trusted_proxys_header_names_the_client_by_its_last_address() {
        let peer = Some("10.0.0.2".parse().unwrap());
        let headers = HeaderMap::from_iter([(HeaderName::from_static("x-forwarded-for"), "203.0.113.9, 198.51.100.4".parse().unwrap())]);
        assert_eq!(limits(Some("X-Forwarded-For")).client_address(&headers, peer), Some("198.51.100.4".parse().unwrap()));
        assert_eq!(limits(None).client_address(&headers, peer), peer, "ignored unless configured");
        assert_eq!(limits(Some("X-Forwarded-For")).client_address(&HeaderMap::new(), peer), peer);
    }
}
