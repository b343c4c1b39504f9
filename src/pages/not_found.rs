use crate::app::set_page_title;
use crate::components::WithProgram;
use crate::api::app_path;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_page_title("Page not found");
    view! {
        <div class="page page--not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"If you typed the web address, check it is correct. If you followed a link, it may be out of date."</p>
            <p><A href=app_path("/")>"Go to the start page"</A></p>
            <WithProgram children=|program| view! {
                <p>"Or call an advocate at " <a href=program.advocate_phone.tel_uri()>{program.advocate_phone.to_string()}</a> "."</p>
            }/>
        </div>
    }
}
