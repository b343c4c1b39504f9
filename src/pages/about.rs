use crate::page::{set_page_title, use_program};
use advocate_domain::member_pages::EntryPage;
use leptos::prelude::*;

/// The program's general conditions, in plain words, as the server states them.
#[component]
pub fn AboutPage() -> impl IntoView {
    set_page_title(EntryPage::About.heading());
    let program = use_program();
    view! {
        <div class="page page--about">
            <h1 tabindex="-1">{EntryPage::About.heading()}</h1>
            <p class="lead">{EntryPage::About.lead(&program)}</p>
            <dl class="conditions">
                {program.conditions.iter().map(|condition| view! {
                    <div class="condition">
                        <dt>{condition.title.clone()}</dt>
                        <dd>{condition.text.clone()}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </div>
    }
}
