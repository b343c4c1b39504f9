//! The advocate console: signing in, the queue of requests, and a case. The session is an
//! HttpOnly cookie; this module keeps what the page needs in memory (who is signed in, the CSRF
//! token, when the session would end for want of use) and warns two minutes before that end,
//! with a way to stay signed in. Only what a person does (a key, a click) counts as use: the
//! queue's polling does not keep an unattended console signed in.

mod call;
mod case;
mod queue;
mod sign_in;

pub use call::CallPage;
pub use case::CasePage;
pub use queue::QueuePage;

use crate::console_api;
use advocate_domain::console::SessionInfo;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Seconds before the idle end when the warning shows.
const WARN_SECONDS: i64 = 120;

/// The signed-in advocate, for every console page.
#[derive(Clone, Copy)]
pub struct ConsoleSession {
    info: RwSignal<Option<SessionInfo>>,
    /// When (ms since the epoch, this browser's clock) the session ends for want of use.
    idle_deadline: RwSignal<f64>,
    seconds_left: RwSignal<i64>,
    /// A person used the console since the last keep-alive.
    active: StoredValue<bool>,
    /// Why the advocate is looking at the sign-in form, if not for the first time.
    signed_out_reason: RwSignal<Option<&'static str>>,
}

impl ConsoleSession {
    pub fn get() -> Self {
        expect_context()
    }

    pub fn csrf(&self) -> String {
        self.info.with_untracked(|i| i.as_ref().map(|i| i.csrf_token.clone()).unwrap_or_default())
    }

    pub fn advocate_id(&self) -> Option<i64> {
        self.info.with_untracked(|i| i.as_ref().map(|i| i.advocate.id))
    }

    fn start(&self, info: SessionInfo) {
        self.idle_deadline.set(js_sys::Date::now() + info.idle_seconds_left as f64 * 1000.0);
        self.info.set(Some(info));
        self.signed_out_reason.set(None);
    }

    /// Passes an answer on, ending the session here if the server said it is over.
    pub fn checked<T>(&self, answer: Result<T, crate::api::ApiError>) -> Result<T, crate::api::ApiError> {
        if answer.as_ref().is_err_and(console_api::is_signed_out) {
            self.ended();
        }
        answer
    }

    /// The server said the session is over.
    pub fn ended(&self) {
        self.info.set(None);
        self.signed_out_reason.set(Some("Your session ended. Sign in again to go on."));
    }
}

/// The console's frame for its pages (the router's outlet): one session for all of them.
#[component]
pub fn ConsoleLayout() -> impl IntoView {
    view! { <SessionGate><leptos_router::components::Outlet/></SessionGate> }
}

/// Shows its children to a signed-in advocate, and the sign-in form to anyone else.
#[component]
pub fn SessionGate(children: ChildrenFn) -> impl IntoView {
    // Never inside an employer's intranet: the console is not part of the embedded app.
    if crate::address::employer().is_some() {
        return view! { <crate::components::NotFound/> }.into_any();
    }
    crate::page::set_page_title("Advocate console");
    let session = ConsoleSession {
        info: RwSignal::new(None),
        idle_deadline: RwSignal::new(0.0),
        seconds_left: RwSignal::new(i64::MAX),
        active: StoredValue::new(false),
        signed_out_reason: RwSignal::new(None),
    };
    provide_context(session);
    let checked = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if let Ok(info) = console_api::session().await {
            session.start(info);
        }
        checked.set(true);
    });
    watch_idle(session);
    let children = StoredValue::new(children);
    view! {
        <Show when=move || checked.get() fallback=|| view! { <p class="boot">"Loading…"</p> }>
            <Show when=move || session.info.read().is_some() fallback=move || view! { <sign_in::SignIn on_signed_in=move |info| session.start(info)/> }>
                <IdleWarning session=session/>
                <ConsoleBar session=session/>
                {children.read_value()()}
            </Show>
        </Show>
    }
    .into_any()
}

/// Counts down to the idle end, keeps the session alive while a person works, and ends it here
/// when the server would have.
fn watch_idle(session: ConsoleSession) {
    let on_use = Closure::<dyn FnMut()>::new(move || {
        let _ = session.active.try_set_value(true);
    });
    let document = document();
    for event in ["keydown", "pointerdown"] {
        let _ = document.add_event_listener_with_callback(event, on_use.as_ref().unchecked_ref());
    }
    let tick = Closure::<dyn FnMut()>::new(move || {
        let Some(info) = session.info.get_untracked() else { return };
        let left = ((session.idle_deadline.get_untracked() - js_sys::Date::now()) / 1000.0).floor() as i64;
        session.seconds_left.set(left);
        if left <= 0 {
            session.info.set(None);
            session.signed_out_reason.set(Some("You were signed out after a time without activity, to protect members' information."));
            return;
        }
        // In use and more than a minute since the last renewal: renew, quietly.
        let renewed_recently = left > i64::from(info.idle_timeout_seconds) - 60;
        if session.active.get_value() && !renewed_recently && left > WARN_SECONDS {
            session.active.set_value(false);
            stay_signed_in(session);
        }
    });
    let timer = window().set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 1000).ok();
    // Leaving the console stops the clock and the listeners with it.
    let closures = send_wrapper::SendWrapper::new((on_use, tick));
    on_cleanup(move || {
        if let Some(timer) = timer {
            window().clear_interval_with_handle(timer);
        }
        let (on_use, _tick) = closures.take();
        for event in ["keydown", "pointerdown"] {
            let _ = leptos::prelude::document().remove_event_listener_with_callback(event, on_use.as_ref().unchecked_ref());
        }
    });
}

fn stay_signed_in(session: ConsoleSession) {
    let csrf = session.csrf();
    leptos::task::spawn_local(async move {
        if let Ok(info) = session.checked(console_api::keep_alive(&csrf).await) {
            session.start(info);
        }
    });
}

#[component]
fn IdleWarning(session: ConsoleSession) -> impl IntoView {
    let warn = move || (0..=WARN_SECONDS).contains(&session.seconds_left.get());
    view! {
        <Show when=warn>
            <div class="notice notice--warning idle-warning" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text">
                <h2 id="idle-title" class="notice__title">"You will be signed out soon"</h2>
                <p id="idle-text">{move || format!("Without activity, you will be signed out in {} seconds, to protect members' information.", session.seconds_left.get().max(0))}</p>
                <button type="button" id="stay-signed-in" class="button button--primary" on:click=move |_| stay_signed_in(session)>"Stay signed in"</button>
            </div>
        </Show>
    }
}

/// Who is signed in, the console's two places, and signing out.
#[component]
fn ConsoleBar(session: ConsoleSession) -> impl IntoView {
    let name =
        move || session.info.read().as_ref().map(|i| format!("{} ({})", i.advocate.name, i.advocate.role.slug())).unwrap_or_default();
    let sign_out = move |_| {
        let csrf = session.csrf();
        leptos::task::spawn_local(async move {
            let _ = console_api::sign_out(&csrf).await;
            session.info.set(None);
            session.signed_out_reason.set(Some("You signed out."));
        });
    };
    view! {
        <nav class="console-bar" aria-label="Console">
            <a href=crate::address::app_path("/console")>"Requests"</a>
            <a href=crate::address::app_path("/console/call")>"On a call"</a>
            <span class="console-bar__who">"Signed in as " {name}</span>
            <button type="button" class="link-button" on:click=sign_out>"Sign out"</button>
        </nav>
    }
}
