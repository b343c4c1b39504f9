//! The app's frame: the router, the program settings every page reads, and the layout every
//! page shares.

use crate::address::{app_path, base_path, employer, path_prefix};
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, NotFound, OfflineNotice, SiteFooter, SiteHeader, SkipLink};
use crate::page::{first_paint_painted, first_paint_shown, focus_heading_when_shown, provide_program, remove_first_paint};
use crate::pages::console::{CallPage, CasePage, ConsoleLayout, QueuePage};
use crate::pages::finder::FinderPage;
use crate::pages::{AboutPage, BillPage, EstimatePage, HomePage, RequestStatusPage};
use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    hooks::use_location,
    path,
};

/// The member app: home, about, the finder, a request's status, estimates and the bill check.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router base=router_base()>
            <ProgramGate><MemberPages/></ProgramGate>
        </Router>
    }
}

/// The advocate console and call mode: a bundle of its own (`src/bin/advocate-console.rs`,
/// served at /console/), so that members never download it.
#[component]
pub fn ConsoleApp() -> impl IntoView {
    view! {
        <Router base=router_base()>
            <ProgramGate><ConsolePages/></ProgramGate>
        </Router>
    }
}

/// Routes match under the base path; embedded, every route lives under /e/{slug}/.
fn router_base() -> String {
    format!("{}{}", base_path(), path_prefix()).trim_end_matches('/').to_string()
}

/// Loads the program settings once per visit; every page renders from them. One wait and one
/// error view for the whole app, instead of one per component that shows the phone number.
/// While it waits, the server's first paint stays on screen.
#[component]
fn ProgramGate(children: ChildrenFn) -> impl IntoView {
    let program = LocalResource::new(|| async {
        let settings = match employer() {
            Some(slug) => api::employer(&slug).await.map(|settings| {
                crate::embed::start(&settings.employer);
                settings.program
            }),
            None => api::program().await,
        };
        // The server's first paint reaches the screen before the app draws in its place.
        first_paint_painted().await;
        settings
    });
    view! {
        <Suspense fallback=|| (!first_paint_shown()).then(|| view! { <p class="boot">"Loading Advocate…"</p> })>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                match program.await {
                    Ok(settings) => {
                        remove_first_paint();
                        provide_program(settings);
                        children().into_any()
                    }
                    // The first paint stays: how to call and when never depends on the API.
                    Err(error) => view! { <ProgramUnavailable error=error on_retry=move || program.refetch()/> }.into_any(),
                }
            })
            }}
        </Suspense>
    }
}

#[component]
fn ProgramUnavailable(error: ApiError, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <main id="main" tabindex="-1">
            // Under the first paint (its heading, phone number and hours) when the server sent one.
            {(!first_paint_shown()).then(|| view! { <h1>"Advocate"</h1> })}
            <ErrorNotice error=error on_retry=Callback::new(move |()| on_retry())/>
        </main>
    }
}

/// The member app's routes.
#[component]
fn MemberPages() -> impl IntoView {
    crate::bill_handoff::BillHandoff::provide();
    view! {
        <Layout>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/about") view=AboutPage/>
                <Route path=path!("/find") view=FinderPage/>
                <Route path=path!("/find/:step") view=FinderPage/>
                <Route path=path!("/requests/:reference") view=RequestStatusPage/>
                <Route path=path!("/estimate") view=EstimatePage/>
                <Route path=path!("/bill") view=BillPage/>
            </Routes>
        </Layout>
    }
}

/// The console's routes. A link out of the console (the header's way home, the footer's
/// pages) loads that address from the server, which sends the member app.
#[component]
fn ConsolePages() -> impl IntoView {
    view! {
        <Layout>
            <Routes fallback=OutsideTheConsole>
                <ParentRoute path=path!("/console") view=ConsoleLayout>
                    <Route path=path!("") view=QueuePage/>
                    <Route path=path!("cases/:reference") view=CasePage/>
                    <Route path=path!("call") view=CallPage/>
                </ParentRoute>
            </Routes>
        </Layout>
    }
}

/// An address the console has no page for: a member page is loaded from the server (it belongs
/// to the member app); one under /console/ is not found. The router's location is read, not the
/// window's: the fallback is drawn before the browser's address changes.
#[component]
fn OutsideTheConsole() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let console = app_path("/console");
    if path == console || path.starts_with(&format!("{console}/")) {
        view! { <NotFound/> }.into_any()
    } else {
        let query = location.search.get_untracked();
        let query = query.trim_start_matches('?');
        let address = if query.is_empty() { path } else { format!("{path}?{query}") };
        let _ = window().location().assign(&address);
        ().into_any()
    }
}

/// The frame every page shares: skip link, header, the offline notice, the main landmark the
/// routes draw in, and the footer (the last two left out inside an employer's page).
#[component]
fn Layout(children: Children) -> impl IntoView {
    view! {
        <FocusOnNavigation/>
        <SkipLink/>
        <Show when=|| employer().is_none()>
            <SiteHeader/>
        </Show>
        <OfflineNotice/>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <Show when=|| employer().is_none()>
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
