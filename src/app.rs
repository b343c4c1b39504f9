//! The app's frame: the router, the layout every page shares, and the program settings that
//! every page reads from the API.

use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, SiteFooter, SiteHeader, SkipLink};
use crate::pages::finder::FinderPage;
use crate::pages::{AboutPage, BillPage, EstimatePage, HomePage, NotFoundPage, RequestStatusPage};
use advocate_domain::ProgramSettings;
use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    hooks::use_location,
    path,
};

#[component]
pub fn App() -> impl IntoView {
    // Embedded, every route lives under /e/{slug}/.
    let base = format!("{}{}", api::base_path(), crate::embed::path_prefix()).trim_end_matches('/').to_string();
    view! {
        <Router base=base>
            <ProgramGate/>
        </Router>
    }
}

/// The program's settings as loaded from the API, for any component below the gate.
pub fn use_program() -> ProgramSettings {
    expect_context::<ProgramSettings>()
}

/// Loads the program settings once per visit; every page renders from them. One wait and one
/// error view for the whole app, instead of one per component that shows the phone number.
#[component]
fn ProgramGate() -> impl IntoView {
    let program = LocalResource::new(|| async {
        match crate::embed::employer() {
            Some(slug) => {
                let settings = api::employer(&slug).await?;
                crate::embed::start(&settings.employer);
                Ok(settings.program)
            }
            None => api::program().await,
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="boot">"Loading Advocate…"</p> }>
            {move || Suspend::new(async move {
                match program.await {
                    Ok(settings) => {
                        provide_context(settings);
                        view! { <Shell/> }.into_any()
                    }
                    Err(error) => view! { <ProgramUnavailable error=error on_retry=move || program.refetch()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProgramUnavailable(error: ApiError, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <main id="main" tabindex="-1">
            <h1>"Advocate"</h1>
            <ErrorNotice error=error on_retry=Callback::new(move |()| on_retry())/>
        </main>
    }
}

/// The layout every page shares, and the routes.
#[component]
fn Shell() -> impl IntoView {
    crate::bill_handoff::BillHandoff::provide();
    view! {
        <FocusOnNavigation/>
        <SkipLink/>
        <Show when=|| crate::embed::employer().is_none()>
            <SiteHeader/>
        </Show>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/about") view=AboutPage/>
                <Route path=path!("/find") view=FinderPage/>
                <Route path=path!("/find/:step") view=FinderPage/>
                <Route path=path!("/requests/:reference") view=RequestStatusPage/>
                <Route path=path!("/estimate") view=EstimatePage/>
                <Route path=path!("/bill") view=BillPage/>
                <ParentRoute path=path!("/console") view=crate::pages::console::ConsoleLayout>
                    <Route path=path!("") view=crate::pages::console::QueuePage/>
                    <Route path=path!("cases/:reference") view=crate::pages::console::CasePage/>
                    <Route path=path!("call") view=crate::pages::console::CallPage/>
                </ParentRoute>
            </Routes>
        </main>
        <Show when=|| crate::embed::employer().is_none()>
            <SiteFooter/>
        </Show>
    }
}

/// After the app moves to another page, focus that page's heading so screen readers announce
/// it and keyboard users start from the top, as they would after a full page load.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            focus_heading_when_shown(40);
        }
        path
    });
}

/// Focuses the page's heading once it is on screen: a page may still be loading its data when
/// the route changes. Gives up after `tries` animation frames.
fn focus_heading_when_shown(tries: u32) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        match document().query_selector("main h1").ok().flatten().and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(heading) => {
                let _ = heading.focus();
            }
            None if tries > 0 => focus_heading_when_shown(tries - 1),
            None => {}
        }
    });
}

/// Moves focus to an element once the page has drawn it: where the member continues after an
/// action replaced or removed the focused control.
pub fn focus_by_id(id: &'static str) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}

/// Sets the browser tab's title for the current page.
pub fn set_page_title(title: &str) {
    document().set_title(&format!("{title} – Advocate"));
}
