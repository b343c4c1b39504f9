use crate::app::{set_page_title, use_program};
use crate::clock::use_now;
use crate::components::ContactCard;
use leptos::prelude::*;

/// A way in that advocates handle by phone while its online tool is being built.
#[component]
pub fn ByPhonePage(title: &'static str, intro: &'static str) -> impl IntoView {
    set_page_title(title);
    let now = use_now();
    view! {
        <div class="page">
            <h1 tabindex="-1">{title}</h1>
            <p class="lead">{intro}</p>
            <p>"This online tool is not ready yet. An advocate can do it with you by phone today."</p>
            <ContactCard program=use_program() now=now/>
        </div>
    }
}
