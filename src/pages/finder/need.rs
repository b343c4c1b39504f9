use super::{FinderStep, advance, remember_step, use_answers, use_catalog};
use crate::components::{BackLink, ErrorSummary, FieldError};
use crate::finder::Answers;
use crate::page::set_page_title;
use advocate_domain::Service;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Step 3: the specific need within the chosen area.
#[component]
pub fn NeedStep() -> impl IntoView {
    let answers = use_answers();
    remember_step(answers, "need");
    let area = answers.get_untracked().area;
    let in_area: Vec<Service> = use_catalog().iter().filter(|s| Some(s.area) == area).cloned().collect();
    set_page_title(answers.get_untracked().area.map_or("What do you need?", |a| a.title()));
    let back = Signal::derive(move || Answers { area: None, ..answers.get() }.step("help"));
    view! {
        <BackLink href=back/>
        <NeedForm services=in_area answers=answers/>
    }
}

#[component]
fn NeedForm(services: Vec<Service>, answers: Memo<Answers>) -> impl IntoView {
    let choice = RwSignal::new(answers.get_untracked().service);
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let navigate = use_navigate();
    let chosen_needs_details = {
        let services = services.clone();
        move |id: &str| services.iter().find(|s| s.id == id).is_some_and(Answers::has_details)
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(id) = choice.get() else {
            errors.set(vec![("service", "Select the help you need.".to_string())]);
            return;
        };
        let step = if chosen_needs_details(&id) { "details" } else { "outcome" };
        let next = Answers { service: Some(id), ..answers.get_untracked() };
        advance(&navigate, &next, "need", &next, step);
    };
    let title = answers.get_untracked().area.map_or("What do you need?", |a| a.title());
    view! {
        <ErrorSummary errors=errors/>
        <form on:submit=submit novalidate>
            <fieldset class="question" class:question--error=move || !errors.read().is_empty()>
                <legend>
                    <FinderStep step="need"/>
                    <h1 tabindex="-1">{title}</h1>
                </legend>
                <p class="hint">"Choose the one closest to what you need. An advocate can help with related problems on the same call."</p>
                <FieldError field="service" message=Signal::derive(move || errors.read().first().map(|(_, m)| m.clone()))/>
                <div class="radios">
                    {services.into_iter().enumerate().map(|(i, service)| {
                        let id = service.id.clone();
                        let checked_id = id.clone();
                        view! {
                            <div class="radio">
                                <input type="radio" name="service" id=format!("service-{i}") value=id.clone()
                                    aria-describedby=format!("service-{i}-hint")
                                    prop:checked=move || choice.get().as_deref() == Some(checked_id.as_str())
                                    on:change=move |_| { choice.set(Some(id.clone())); errors.set(Vec::new()); }/>
                                <label for=format!("service-{i}")>{service.title.clone()}</label>
                                <p class="radio__hint" id=format!("service-{i}-hint")>{service.examples.first().cloned()}</p>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="button button--primary">"Continue"</button>
        </form>
    }
}
