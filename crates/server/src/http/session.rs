//! Advocates' sessions: `POST /api/session` (sign in), `GET /api/session`,
//! `POST /api/session/keepalive` and `DELETE /api/session` (sign out), and the `AdvocateSession`
//! extractor every console endpoint takes.
//!
//! The session is a random 32-byte token in the `advocate_session` cookie (HttpOnly, Secure,
//! SameSite=Strict, no Max-Age: it ends with the browser); the database keeps only its SHA-256.
//! The CSRF token is derived from the session token (SHA-256 under another label), so it is
//! stored nowhere and can be given again by `GET /api/session`; every request other than GET or
//! HEAD must repeat it in `X-CSRF-Token`. A session ends after `--session-idle-minutes` unused,
//! `--session-hours` after sign-in, on sign-out, or when its account is disabled.

use super::error::ApiError;
use super::valid::Valid;
use crate::audit::{Actor, AuditEvent};
use crate::clock::now;
use crate::login_limit::{self, SignInKeys};
use crate::secrets::{constant_time_eq, csrf_token, random_hex, session_token_hash};
use crate::state::{AppState, SessionSettings};
use crate::storage::{AdvocateAccount, StoredSession};
use advocate_domain::Timestamp;
use advocate_domain::console::{AdvocateProfile, AdvocateRole, LoginRequest, SessionInfo, normalize_email};
use advocate_domain::sign_in_limits::SignInGate;
use axum::{
    Json,
    extract::{ConnectInfo, FromRequestParts, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, request::Parts},
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

pub const SESSION_COOKIE: &str = "advocate_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Sent by the console's own polling (the queue every 15 s): the session is checked but not
/// extended, so an unattended console still signs out when idle.
pub const BACKGROUND_HEADER: &str = "x-advocate-background";

/// A signed-in advocate, checked: a live session, an enabled account, and for a request that
/// changes something, the right CSRF token. Rejects with 401 or 403 problems.
#[derive(Clone)]
pub struct AdvocateSession {
    pub advocate: AdvocateAccount,
    token_hash: String,
    csrf_token: String,
    created_at: Timestamp,
    last_seen_at: Timestamp,
}

impl std::fmt::Debug for AdvocateSession {
    /// Never the token's hash nor the CSRF token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdvocateSession").field("advocate", &self.advocate).finish_non_exhaustive()
    }
}

impl AdvocateSession {
    /// The advocate as the audit log names them.
    pub fn actor(&self) -> Actor {
        Actor::Advocate(self.advocate.id)
    }

    /// An audit event for something this advocate does, now.
    pub fn event(&self, action: &str, subject: impl std::fmt::Display) -> AuditEvent {
        AuditEvent::new(self.actor(), action, subject)
    }

    fn info(&self, settings: &SessionSettings, now: Timestamp) -> SessionInfo {
        let clock = &settings.clock;
        SessionInfo {
            advocate: profile(&self.advocate),
            csrf_token: self.csrf_token.clone(),
            idle_timeout_seconds: u32::try_from(clock.idle_seconds).unwrap_or(u32::MAX),
            idle_seconds_left: clock.seconds_left(self.created_at, self.last_seen_at, now),
            idle_expires_at: clock.end(self.created_at, self.last_seen_at),
            expires_at: clock.absolute_end(self.created_at),
        }
    }
}

fn profile(account: &AdvocateAccount) -> AdvocateProfile {
    AdvocateProfile { id: account.id, name: account.name.clone(), role: account.role }
}

fn not_signed_in() -> ApiError {
    ApiError::Unauthorized {
        title: "Not signed in",
        detail: "Sign in to the advocate console. Sessions end after a while unused, and when the browser closes.".into(),
    }
}

/// The session's token from the request's cookies, if it has the shape of one.
fn session_token(headers: &HeaderMap) -> Option<String> {
    let jar = CookieJar::from_headers(headers);
    let token = jar.get(SESSION_COOKIE)?.value().trim();
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())).then(|| token.to_string())
}

/// The session cookie: HttpOnly (no script reads it), Secure, SameSite=Strict (no other site's
/// page sends it), for the app's path only, and without Max-Age, so it ends with the browser.
fn session_cookie(token: String, settings: &SessionSettings) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .path(settings.cookie_path.clone())
        .build()
}

/// The session cookie emptied, with Max-Age=0: the browser drops it at once. (Max-Age is enough
/// and wins over Expires, so the removal's Expires is left out, as it always was.)
fn cleared_cookie(settings: &SessionSettings) -> Cookie<'static> {
    let mut cleared = session_cookie(String::new(), settings);
    cleared.make_removal();
    cleared.unset_expires();
    cleared
}

impl FromRequestParts<AppState> for AdvocateSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = session_token(&parts.headers).ok_or_else(not_signed_in)?;
        let token_hash = session_token_hash(&token);
        let (session, advocate) = state.storage.session(&token_hash).await?.ok_or_else(not_signed_in)?;
        let now = now();
        if advocate.disabled || state.sessions.clock.has_ended(session.created_at, session.last_seen_at, now) {
            state.storage.delete_session(&token_hash, None).await?;
            return Err(not_signed_in());
        }
        let csrf_token = csrf_token(&token);
        if !matches!(parts.method, Method::GET | Method::HEAD) {
            let sent = parts.headers.get(CSRF_HEADER).map(HeaderValue::as_bytes).unwrap_or_default();
            if !constant_time_eq(sent, csrf_token.as_bytes()) {
                return Err(ApiError::Forbidden(
                    "CSRF token missing or wrong: send the csrf_token from GET /api/session as the X-CSRF-Token header.".into(),
                ));
            }
        }
        let mut last_seen_at = session.last_seen_at;
        if !parts.headers.contains_key(BACKGROUND_HEADER) {
            state.storage.touch_session(&token_hash, now).await?;
            last_seen_at = now;
        }
        Ok(AdvocateSession { advocate, token_hash, csrf_token, created_at: session.created_at, last_seen_at })
    }
}

/// A signed-in supervisor; an advocate gets a 403 problem.
#[derive(Debug, Clone)]
pub struct Supervisor(pub AdvocateSession);

impl FromRequestParts<AppState> for Supervisor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let session = AdvocateSession::from_request_parts(parts, state).await?;
        if session.advocate.role != AdvocateRole::Supervisor {
            return Err(ApiError::Forbidden("Only supervisors can do this.".into()));
        }
        Ok(Supervisor(session))
    }
}

/// The client's address: the connection's, or the one a trusted proxy names (see
/// `ClientLimits::client_address`).
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(ClientAddress(state.client_limits.client_address(&parts.headers, peer)))
    }
}

/// Signs an advocate in. A wrong password, an unknown email and a disabled account are the same
/// 401, and take as long (the password is checked against a dummy hash when there is no
/// account). After 5 failures for one email from one address, or 20 from one address, in 15
/// minutes: 429 for that address. Failures for an email from elsewhere only slow it down (from
/// the 10th, up to 10 s before the password is checked): nobody can lock an advocate out.
#[utoipa::path(post, path = "/api/session", tag = "advocate console",
    request_body = LoginRequest,
    responses(
        (status = 200, body = SessionInfo, description = "Signed in; the session is in the advocate_session cookie",
         headers(("Set-Cookie" = String, description = "advocate_session=…; HttpOnly; Secure; SameSite=Strict; Path=…"))),
        (status = 401, body = advocate_domain::Problem, description = "Wrong email or password"),
        (status = 429, body = advocate_domain::Problem, description = "Too many failed attempts; see Retry-After",
         headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Valid(login): Valid<LoginRequest>,
) -> Result<Response, ApiError> {
    let email = normalize_email(&login.email);
    let keys = SignInKeys::new(&email, address);
    match login_limit::gate(state.storage.as_ref(), &keys, now()).await? {
        SignInGate::Open => {}
        SignInGate::SlowDown { seconds } => {
            tracing::info!(seconds, "sign-in slowed down: many failed attempts for this email");
            tokio::time::sleep(Duration::from_secs(seconds)).await;
        }
        SignInGate::Refused { retry_after_seconds } => {
            tracing::warn!("sign-in refused: too many failed attempts");
            return Err(ApiError::TooManyRequests {
                detail: format!(
                    "Too many failed sign-ins from here. Try again in {} minutes, or ask a supervisor.",
                    retry_after_seconds.div_ceil(60)
                ),
                retry_after_seconds,
            });
        }
    }
    let account = state.storage.advocate_by_email(&email).await?;
    let hash = account.as_ref().map_or_else(|| crate::accounts::dummy_hash().to_string(), |a| a.password_hash.clone());
    let password = login.password;
    let matches = password.len() <= advocate_domain::console::PASSWORD_MAX && crate::accounts::check_password(hash, password).await?;
    let account = match account {
        Some(account) if matches && !account.disabled => account,
        other => {
            login_limit::failed(state.storage.as_ref(), &keys, now()).await?;
            // Written for an unknown email too, so that both take the same steps.
            let subject = other.map_or_else(|| "advocate:unknown".to_string(), |a| Actor::Advocate(a.id).to_string());
            state.storage.record_audit_event(&AuditEvent::new(Actor::System, "session.refused", subject)).await?;
            tracing::info!("sign-in failed");
            return Err(ApiError::Unauthorized {
                title: "Sign-in failed",
                detail: "The email address or the password is not right. Check both and try again.".into(),
            });
        }
    };
    login_limit::succeeded(state.storage.as_ref(), &keys).await?;
    let token = random_hex::<32>();
    let signed_in_at = now();
    let stored = StoredSession {
        token_hash: session_token_hash(&token),
        advocate_id: account.id,
        created_at: signed_in_at,
        last_seen_at: signed_in_at,
    };
    let advocate = Actor::Advocate(account.id);
    let audit = AuditEvent::new(advocate, "session.started", advocate);
    state.storage.create_session(&stored, &audit).await?;
    tracing::info!(advocate = account.id, "advocate signed in");
    let session = AdvocateSession {
        advocate: account,
        token_hash: stored.token_hash,
        csrf_token: csrf_token(&token),
        created_at: signed_in_at,
        last_seen_at: signed_in_at,
    };
    let cookies = CookieJar::new().add(session_cookie(token, &state.sessions));
    Ok((cookies, Json(session.info(&state.sessions, signed_in_at))).into_response())
}

/// The current session: who is signed in, the CSRF token, and how long before it ends. Counts as
/// use (the idle clock restarts) unless sent with `X-Advocate-Background: 1`.
#[utoipa::path(get, path = "/api/session", tag = "advocate console", security(("advocate_session" = [])),
    params(("X-Advocate-Background" = Option<String>, Header, description = "Any value: check without extending the session")),
    responses(
        (status = 200, body = SessionInfo),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in, or the session ended"),
    ))]
pub async fn current(State(state): State<AppState>, session: AdvocateSession) -> Response {
    Json(session.info(&state.sessions, now())).into_response()
}

/// Extends the session ("Stay signed in"): the idle clock restarts. Needs `X-CSRF-Token`.
#[utoipa::path(post, path = "/api/session/keepalive", tag = "advocate console", security(("advocate_session" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The session's csrf_token")),
    responses(
        (status = 200, body = SessionInfo),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in, or the session ended"),
        (status = 403, body = advocate_domain::Problem, description = "CSRF token missing or wrong"),
    ))]
pub async fn keepalive(State(state): State<AppState>, session: AdvocateSession) -> Response {
    Json(session.info(&state.sessions, now())).into_response()
}

/// Signs out: the session ends at once and the cookie is cleared. Needs `X-CSRF-Token`.
#[utoipa::path(delete, path = "/api/session", tag = "advocate console", security(("advocate_session" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The session's csrf_token")),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in, or the session ended"),
        (status = 403, body = advocate_domain::Problem, description = "CSRF token missing or wrong"),
    ))]
pub async fn logout(State(state): State<AppState>, session: AdvocateSession) -> Result<Response, ApiError> {
    state.storage.delete_session(&session.token_hash, Some(&session.event("session.ended", session.actor()))).await?;
    Ok((CookieJar::new().add(cleared_cookie(&state.sessions)), StatusCode::NO_CONTENT).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use advocate_domain::session_clock::SessionClock;

    fn attributes(cookie: &Cookie) -> Vec<String> {
        let mut attributes: Vec<String> = cookie.encoded().to_string().split("; ").map(String::from).collect();
        attributes.sort();
        attributes
    }

    #[test]
    fn the_session_cookie_is_http_only_secure_strict_and_for_the_app_only() {
        let settings = SessionSettings { clock: SessionClock::new(1, 1), cookie_path: "/advocate/".into() };
        let token = "ab".repeat(32);
        assert_eq!(
            attributes(&session_cookie(token.clone(), &settings)),
            ["HttpOnly", "Path=/advocate/", "SameSite=Strict", "Secure", &format!("advocate_session={token}")]
        );
        assert_eq!(
            attributes(&cleared_cookie(&settings)),
            ["HttpOnly", "Max-Age=0", "Path=/advocate/", "SameSite=Strict", "Secure", "advocate_session="]
        );
    }
}
