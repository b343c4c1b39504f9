use super::use_answers;
use crate::address::app_path;
use crate::components::BackLink;
use crate::finder::Answers;
use crate::page::set_page_title;
use leptos::prelude::*;

/// Someone who is not eligible is told so kindly, with what they can do instead.
#[component]
pub fn NotEligibleStep() -> impl IntoView {
    set_page_title("This service cannot help them");
    let answers = use_answers();
    let back = Signal::derive(move || Answers { who: answers.get().who, ..Answers::default() }.step(""));
    let answer = move || answers.get().who.and_then(|who| who.not_eligible());
    view! {
        <BackLink href=back/>
        <h1 tabindex="-1">"This service cannot help them"</h1>
        {move || answer().map(|answer| view! {
            <p class="lead">{answer.message}</p>
            <h2>"What they can do instead"</h2>
            <ul class="list">
                {answer.instead.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        })}
        <p><a href=app_path("/find")>"Start again"</a></p>
    }
}
