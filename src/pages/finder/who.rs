use super::{FinderStep, advance, remember_step, use_answers};
use crate::components::{ErrorSummary, FieldError};
use crate::finder::{Answers, load_last_answers};
use crate::page::set_page_title;
use advocate_domain::Relationship;
use advocate_domain::member_pages::EntryPage;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Step 1: who needs help. Eligibility is decided here, before anything else is asked.
#[component]
pub fn WhoStep() -> impl IntoView {
    set_page_title(EntryPage::Finder.heading());
    let answers = use_answers();
    let unfinished = load_last_answers().filter(|path| answers.get_untracked() == Answers::default() && !path.ends_with("/find"));
    remember_step(answers, "");
    let choice = RwSignal::new(answers.get_untracked().who);
    let me = RwSignal::new(answers.get_untracked().me);
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let navigate = use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(who) = choice.get() else {
            errors.set(vec![("who", "Select who needs help.".to_string())]);
            return;
        };
        let next = Answers { who: Some(who), me: me.get_untracked(), ..answers.get_untracked() };
        // Arriving with the help already chosen (from the bill check, or an advocate's link),
        // the member goes straight on to its details.
        let step = match (who.is_eligible(), next.service.is_some()) {
            (false, _) => "not-eligible",
            (true, true) => "details",
            (true, false) => "help",
        };
        advance(&navigate, &next, "", &next, step);
    };
    // Those the program serves first, then the others, who are told what they can do instead.
    let (main_choices, other_choices): (Vec<Relationship>, Vec<Relationship>) =
        Relationship::ALL.into_iter().partition(|r| r.is_eligible());
    let others_from = main_choices.len();
    let option = move |index: usize, relationship: Relationship| {
        view! {
            <div class="radio">
                <input type="radio" name="who" id=format!("who-{index}") value=relationship.slug()
                    prop:checked=move || choice.get() == Some(relationship)
                    on:change=move |_| { choice.set(Some(relationship)); errors.set(Vec::new()); }
                    aria-describedby=move || (!errors.read().is_empty()).then_some("who-error")/>
                <label for=format!("who-{index}")>
                    {relationship.label()}
                    {relationship.hint().map(|hint| view! { <span class="radio__hint">{hint}</span> })}
                </label>
            </div>
        }
    };
    view! {
        {unfinished.map(|path| view! {
            <div class="notice notice--info">
                <p>"You have a request you did not finish on this device. " <a href=path>"Continue where you left off"</a></p>
            </div>
        })}
        <ErrorSummary errors=errors/>
        <form on:submit=submit novalidate>
            <fieldset class="question" class:question--error=move || !errors.read().is_empty() aria-describedby="who-hint">
                <legend>
                    <FinderStep step=""/>
                    <h1 tabindex="-1">{EntryPage::Finder.heading()}</h1>
                </legend>
                <p class="hint" id="who-hint">{EntryPage::Finder.hint()}</p>
                <FieldError field="who" message=Signal::derive(move || errors.read().first().map(|(_, m)| m.clone()))/>
                <div class="radios">
                    {main_choices.iter().enumerate().map(|(i, r)| option(i, *r)).collect_view()}
                    <p class="radios__divider">"or"</p>
                    {other_choices.iter().enumerate().map(|(i, r)| option(others_from + i, *r)).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <div class="checkbox">
                    <input type="checkbox" id="me" prop:checked=move || me.get() on:change=move |ev| me.set(event_target_checked(&ev))/>
                    <label for="me">"I am the person who needs help"</label>
                </div>
            </div>
            <button type="submit" class="button button--primary">"Continue"</button>
        </form>
    }
}
