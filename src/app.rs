//! The app's frame: the router, the layout every page shares, and the program settings that
//! every page reads from the API.

use crate::api::{self, ApiError};
use crate::components::{SiteFooter, SiteHeader, SkipLink};
use crate::pages::{AboutPage, ByPhonePage, HomePage, NotFoundPage};
use advocate_domain::ProgramSettings;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::use_location,
    path,
};

/// The program's settings, fetched once per visit and shared by every page.
#[derive(Clone, Copy)]
pub struct Program(pub LocalResource<Result<ProgramSettings, ApiError>>);

#[component]
pub fn App() -> impl IntoView {
    provide_context(Program(LocalResource::new(api::program)));
    let base = api::base_path().trim_end_matches('/').to_string();
    view! {
        <Router base=base>
            <FocusOnNavigation/>
            <SkipLink/>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/about") view=AboutPage/>
                    <Route path=path!("/find") view=|| view! {
                        <ByPhonePage
                            title="Find the right help"
                            intro="Tell an advocate what is going on. They will work out which service fits, whether your health plan or an advocate should handle it, and what to do next."
                        />
                    }/>
                    <Route path=path!("/estimate") view=|| view! {
                        <ByPhonePage
                            title="Estimate a cost"
                            intro="An advocate can tell you what a test, visit or procedure usually costs where you live, in and out of network, before you book it."
                        />
                    }/>
                    <Route path=path!("/bill") view=|| view! {
                        <ByPhonePage
                            title="Check a medical bill"
                            intro="An advocate can review a bill for duplicate or wrong charges, and negotiate bills over $400 that insurance did not cover."
                        />
                    }/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
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
            request_animation_frame(|| {
                if let Ok(Some(heading)) = document().query_selector("main h1") {
                    use wasm_bindgen::JsCast;
                    if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                        let _ = heading.focus();
                    }
                }
            });
        }
        path
    });
}

/// Sets the browser tab's title for the current page.
pub fn set_page_title(title: &str) {
    document().set_title(&format!("{title} – Advocate"));
}
