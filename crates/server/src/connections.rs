//! Serving HTTP/1.1 connections with limits that keep slow or idle clients from holding the
//! server: at most `max_connections` at once (the rest wait in the kernel's queue), a connection
//! that starts no request within the keep-alive time is closed, a request's headers must all
//! arrive within the header timeout of its first byte, and a body must keep coming (no pause
//! longer than the body timeout, and on average at least the minimum rate once that time has
//! passed). A response the client stops reading is dropped after the body timeout too.
//!
//! axum::serve has none of these, so the accept loop is ours, with hyper's HTTP/1 connection
//! builder. HTTP/2 is left to the reverse proxy that ends TLS (browsers speak it only over TLS).

pub use crate::config::ConnectionLimits;
use crate::http::problem_response;
use advocate_domain::Problem;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, Response, header};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// How long requests in flight get to finish once the server is asked to stop.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// File descriptors kept for everything other than client connections: the database, bills
/// being read, the SPA's files.
const RESERVED_FILES: u64 = 256;

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish (for up to 20 s).
pub async fn serve(listener: TcpListener, router: Router, limits: ConnectionLimits, shutdown: impl Future<Output = ()>) -> io::Result<()> {
    let limits = ConnectionLimits { max_connections: within_file_limit(limits.max_connections), ..limits };
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    // Our own clock (`ConnectionClock`) enforces the header timeout from a request's first byte;
    // hyper's, which starts when the connection begins waiting, only backs it up.
    builder.timer(TokioTimer::new()).keep_alive(true).header_read_timeout(limits.keep_alive + limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted: the
                    // listener itself is fine, so wait a moment rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let clock = Arc::new(ConnectionClock::new());
        let io = TokioIo::new(TimedStream::new(stream, clock.clone(), limits));
        let service = ConnectionService { router: router.clone(), peer, clock, limits };
        let connection = graceful.watch(builder.serve_connection(io, service));
        tokio::spawn(async move {
            // A client that hangs up or times out ends its connection: nothing to report.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still in flight after {} s: stopping anyway", SHUTDOWN_GRACE.as_secs());
    }
    Ok(())
}

/// The most connections the process's file limit allows, keeping `RESERVED_FILES` for the rest.
fn within_file_limit(wanted: usize) -> usize {
    let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
    match limit.map(|files| usize::try_from(files.saturating_sub(RESERVED_FILES)).unwrap_or(usize::MAX)) {
        Some(allowed) if allowed < wanted => {
            tracing::warn!(
                wanted,
                allowed,
                "--max-connections is above what the open-file limit (ulimit -n) allows: serving at most {allowed} at once"
            );
            allowed.max(1)
        }
        _ => wanted,
    }
}

/// Each request of one connection: the client's address for the handlers, the body timed, and
/// the connection's clock told when a request starts and when its answer is done.
#[derive(Clone)]
struct ConnectionService {
    router: Router,
    peer: SocketAddr,
    clock: Arc<ConnectionClock>,
    limits: ConnectionLimits,
}

impl hyper::service::Service<Request<Incoming>> for ConnectionService {
    type Response = Response<Body>;
    type Error = std::convert::Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, std::convert::Infallible>> + Send>>;

    fn call(&self, request: Request<Incoming>) -> Self::Future {
        let (router, clock) = (self.router.clone(), self.clock.clone());
        clock.request_started();
        let timed_out = Arc::new(AtomicBool::new(false));
        let mut request = request.map(|body| Body::new(TimedBody::new(body, self.limits, timed_out.clone())));
        request.extensions_mut().insert(ConnectInfo(self.peer));
        Box::pin(async move {
            let response = router.oneshot(request).await.unwrap_or_else(|never| match never {});
            let response = if timed_out.load(Ordering::Relaxed) { body_too_slow(&response) } else { response };
            Ok(response.map(|body| Body::new(Answer { body, clock })))
        })
    }
}

/// The answer to a request whose body stopped coming: 408, and the connection is closed.
fn body_too_slow(original: &Response<Body>) -> Response<Body> {
    let mut problem = Problem::new(408, "The upload stopped").with_detail(
        "Your device stopped sending before the whole request arrived. Check your connection and try again; a photo of a bill can be smaller.",
    );
    problem.request_id = original.headers().get(crate::http::REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let mut response = problem_response(problem);
    response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    // The original's other headers (the request id, the security headers), not those of its body.
    let about_the_body = [header::CONTENT_LENGTH, header::CONTENT_ENCODING, header::TRANSFER_ENCODING, header::ETAG];
    for (name, value) in original.headers() {
        if !response.headers().contains_key(name) && !about_the_body.contains(name) {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}

/// Where a connection is between requests, for its read deadline.
#[derive(Debug)]
enum Phase {
    /// No byte of the next request yet, since then: the keep-alive time runs.
    Waiting(Instant),
    /// The next request's first byte came then: the header timeout runs.
    ReadingHead(Instant),
    /// This many requests are being answered: the body has its own timer.
    Answering(usize),
}

#[derive(Debug)]
struct ConnectionClock {
    phase: Mutex<Phase>,
}

impl ConnectionClock {
    fn new() -> Self {
        Self { phase: Mutex::new(Phase::Waiting(Instant::now())) }
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn request_started(&self) {
        let mut phase = self.phase();
        *phase = match *phase {
            Phase::Answering(n) => Phase::Answering(n + 1),
            _ => Phase::Answering(1),
        };
    }

    fn answer_done(&self) {
        let mut phase = self.phase();
        if let Phase::Answering(n) = *phase {
            *phase = if n > 1 { Phase::Answering(n - 1) } else { Phase::Waiting(Instant::now()) };
        }
    }

    /// When the connection must have read something by, if anything.
    fn read_deadline(&self, limits: &ConnectionLimits) -> Option<Instant> {
        match *self.phase() {
            Phase::Waiting(since) => Some(since + limits.keep_alive),
            Phase::ReadingHead(since) => Some(since + limits.header_timeout),
            Phase::Answering(_) => None,
        }
    }

    fn bytes_read(&self) {
        let mut phase = self.phase();
        if let Phase::Waiting(_) = *phase {
            *phase = Phase::ReadingHead(Instant::now());
        }
    }
}

/// A response's body, telling the connection's clock when it is done (sent or dropped).
struct Answer {
    body: Body,
    clock: Arc<ConnectionClock>,
}

impl Drop for Answer {
    fn drop(&mut self) {
        self.clock.answer_done();
    }
}

impl http_body::Body for Answer {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The client's socket, closed (an error on read or write) when the client is too slow: no next
/// request within the keep-alive time, headers not complete within the header timeout, or a
/// response not read for the body timeout.
struct TimedStream {
    stream: TcpStream,
    clock: Arc<ConnectionClock>,
    limits: ConnectionLimits,
    read_timer: Pin<Box<Sleep>>,
    write_timer: Pin<Box<Sleep>>,
    /// Since when a write has been waiting for the client to read.
    write_stalled: Option<Instant>,
}

impl TimedStream {
    /// A write that cannot go on (the client stopped reading) fails once it has waited the body
    /// timeout; one that went on restarts the clock.
    fn unless_stalled(&mut self, written: Poll<io::Result<usize>>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        match written {
            Poll::Pending => {
                let since = *self.write_stalled.get_or_insert_with(Instant::now);
                if Self::expired(&mut self.write_timer, since + self.limits.body_timeout, cx) {
                    return Poll::Ready(Err(too_slow()));
                }
                Poll::Pending
            }
            ready => {
                self.write_stalled = None;
                ready
            }
        }
    }

    fn new(stream: TcpStream, clock: Arc<ConnectionClock>, limits: ConnectionLimits) -> Self {
        let now = Instant::now();
        Self {
            stream,
            clock,
            limits,
            read_timer: Box::pin(tokio::time::sleep_until(now)),
            write_timer: Box::pin(tokio::time::sleep_until(now)),
            write_stalled: None,
        }
    }

    /// Ready with an error once `deadline` has passed; otherwise wakes the task then.
    fn expired(timer: &mut Pin<Box<Sleep>>, deadline: Instant, cx: &mut Context<'_>) -> bool {
        if timer.deadline() != deadline {
            timer.as_mut().reset(deadline);
        }
        timer.as_mut().poll(cx).is_ready()
    }
}

fn too_slow() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "the client was too slow")
}

impl AsyncRead for TimedStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let result = Pin::new(&mut this.stream).poll_read(cx, buf);
        match result {
            Poll::Ready(Ok(())) if buf.filled().len() > before => {
                this.clock.bytes_read();
                Poll::Ready(Ok(()))
            }
            Poll::Pending => match this.clock.read_deadline(&this.limits) {
                Some(deadline) if Self::expired(&mut this.read_timer, deadline, cx) => Poll::Ready(Err(too_slow())),
                _ => Poll::Pending,
            },
            other => other,
        }
    }
}

impl AsyncWrite for TimedStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.unless_stalled(written, cx)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.unless_stalled(written, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

/// A request's body that fails once the client sends too slowly: a pause longer than the body
/// timeout, or, after that time, fewer bytes than the minimum rate would have brought. The flag
/// tells the connection to answer 408 rather than whatever the handler made of the error.
struct TimedBody {
    body: Incoming,
    limits: ConnectionLimits,
    started: Instant,
    received: u64,
    last_progress: Instant,
    timer: Pin<Box<Sleep>>,
    timed_out: Arc<AtomicBool>,
}

#[derive(Debug, thiserror::Error)]
#[error("the request's body came too slowly")]
struct BodyTooSlow;

impl TimedBody {
    fn new(body: Incoming, limits: ConnectionLimits, timed_out: Arc<AtomicBool>) -> Self {
        let now = Instant::now();
        Self { body, limits, started: now, received: 0, last_progress: now, timer: Box::pin(tokio::time::sleep_until(now)), timed_out }
    }

    /// The next byte must come by the earlier of: the longest pause after the last one, and the
    /// time by which the minimum rate would have brought one more byte than has come.
    fn deadline(&self) -> Instant {
        let by_pause = self.last_progress + self.limits.body_timeout;
        let rate = self.limits.body_min_rate.max(1);
        let by_rate = self.started + self.limits.body_timeout + Duration::from_secs_f64((self.received + 1) as f64 / rate as f64);
        by_pause.min(by_rate)
    }
}

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.body).poll_frame(cx) {
            if let Some(Ok(data)) = frame.as_ref().map(|f| f.as_ref().map(Frame::data_ref)) {
                this.received += data.map_or(0, |d| d.len() as u64);
                this.last_progress = Instant::now();
            }
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let deadline = this.deadline();
        if this.timer.deadline() != deadline {
            this.timer.as_mut().reset(deadline);
        }
        ready!(this.timer.as_mut().poll(cx));
        this.timed_out.store(true, Ordering::Relaxed);
        Poll::Ready(Some(Err(Box::new(BodyTooSlow))))
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
