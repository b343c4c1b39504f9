use crate::address::app_path;
use crate::page::{set_page_title, use_program};
use leptos::prelude::*;

/// "Page not found": for an address no route or step knows, and for the console inside an
/// employer's frame.
#[component]
pub fn NotFound() -> impl IntoView {
    set_page_title("Page not found");
    let phone = use_program().advocate_phone;
    view! {
        <div class="page page--not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"If you typed the web address, check it is correct. If you followed a link, it may be out of date."</p>
            <p><a href=app_path("/")>"Go to the start page"</a></p>
            <p>"Or call an advocate at " <a href=phone.tel_uri()>{phone.to_string()}</a> "."</p>
        </div>
    }
}
