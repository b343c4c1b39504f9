use crate::address::app_path;
use crate::page::use_program;
use leptos::prelude::*;

/// Who offers the service, how to reach it, and where its conditions are.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let program = use_program();
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p class="site-footer__program">
                        {program.program_name.clone()} " is offered by " {program.sponsor_name.clone()}
                        ". Advocates work for " {program.vendor_name.clone()}
                        {(!program.vendor_name.ends_with('.')).then_some(".")}
                    </p>
                    <p>
                        "Call " <a href=program.advocate_phone.tel_uri()>{program.advocate_phone.to_string()}</a>
                        " any time. Advocates answer " {program.hours.summary()} "."
                    </p>
                <nav aria-label="About this service">
                    <ul class="site-footer__links">
                        <li><a href=app_path("/about")>"What this service is and is not"</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
