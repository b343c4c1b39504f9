use super::{FinderStep, remember_step, use_answers, use_catalog};
use crate::components::{BackLink, NotAnEmergencyLine, SafetyNotice};
use crate::finder::Answers;
use crate::page::set_page_title;
use advocate_domain::{Service, ServiceArea, ServiceIndex};
use leptos::prelude::*;
use std::sync::Arc;

/// Step 2: what kind of help. A search box for describing the situation in one's own words
/// (also what advocates use during a call), or the five areas with examples.
#[component]
pub fn HelpStep() -> impl IntoView {
    set_page_title("What do you need help with?");
    let answers = use_answers();
    remember_step(answers, "help");
    let services = use_catalog();
    let back = Signal::derive(move || answers.get().step(""));
    view! {
        <BackLink href=back/>
        <FinderStep step="help"/>
        <h1 tabindex="-1">"What do you need help with?"</h1>
        <NotAnEmergencyLine/>
        <ServiceSearch services=services answers=answers/>
        <h2 class="section-title">"Or choose an area"</h2>
        <ul class="area-list">
            {ServiceArea::ALL.into_iter().map(|area| view! {
                <li>
                    <a href=move || Answers { area: Some(area), service: None, ..answers.get() }.step("need") class="area-link">
                        <span class="area-link__title">{area.title()}</span>
                        <span class="area-link__examples">{area.examples()}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Ranked matches as the member types; each goes straight to that need.
#[component]
fn ServiceSearch(services: Arc<Vec<Service>>, answers: Memo<Answers>) -> impl IntoView {
    let index = Arc::new(ServiceIndex::new(&services));
    let query = RwSignal::new(String::new());
    // An emergency or a crisis gets the 911/988 notice and no service at all (`safety`).
    let suggestions = Memo::new(move |_| index.suggest(&query.read()));
    let matches = Memo::new(move |_| suggestions.read().services.iter().copied().take(6).collect::<Vec<usize>>());
    let announcement = move || match (query.read().trim().is_empty(), matches.read().len()) {
        (true, _) => String::new(),
        (false, _) if suggestions.read().concern.is_some() => String::new(),
        (false, 0) => "No services match. Try other words, or choose an area below.".into(),
        (false, 1) => "1 service matches.".into(),
        (false, n) => format!("{n} services match."),
    };
    view! {
        <div class="search">
            <label class="label" for="describe">"Describe what is going on"</label>
            <p class="hint" id="describe-hint">"For example: “my mother needs a nursing home” or “I was charged twice”."</p>
            <SafetyNotice text=query/>
            <input id="describe" class="input" type="search" autocomplete="off" aria-describedby="describe-hint describe-status"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            <p id="describe-status" class="search__status" role="status">{announcement}</p>
            <ul class="search__results">
                {move || {
                    matches.get().into_iter().map(|i| {
                        let service = &services[i];
                        let (id, area, title) = (service.id.clone(), service.area, service.title.clone());
                        let step = if Answers::has_details(service) { "details" } else { "outcome" };
                        let href = move || Answers { area: Some(area), service: Some(id.clone()), ..answers.get() }.step(step);
                        view! {
                            <li>
                                <a href=href class="search__result">
                                    <span class="search__title">{title}</span>
                                    <span class="search__area">{area.title()}</span>
                                </a>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </div>
    }
}
