use advocate_domain::{Service, ServiceIndex};
use leptos::prelude::*;
use std::sync::Arc;

/// The service from the caller's own words, searched as the advocate types.
#[component]
pub fn ServicePanel(services: Arc<Vec<Service>>, #[prop(into)] on_choose: Callback<String>) -> impl IntoView {
    let index = Arc::new(ServiceIndex::new(&services));
    let text = RwSignal::new(String::new());
    let matches = Memo::new(move |_| index.search(&text.read()).into_iter().take(5).collect::<Vec<usize>>());
    view! {
        <section class="call-panel" aria-labelledby="call-service-title">
            <h2 id="call-service-title">"Find a service"</h2>
            <label class="label label--small" for="call-service">"What the caller needs, in their words"</label>
            <input id="call-service" class="input" type="search" autocomplete="off" aria-describedby="call-service-status"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <p id="call-service-status" class="search__status" role="status">{move || match (text.read().trim().is_empty(), matches.read().len()) {
                (true, _) => String::new(),
                (false, 0) => "Nothing matches: try other words.".into(),
                (false, n) => format!("{n} shown."),
            }}</p>
            <ul class="call-results">
                {move || matches.get().into_iter().map(|i| {
                    let service = services[i].clone();
                    let id = service.id.clone();
                    view! {
                        <li>
                            <button type="button" class="link-button" on:click=move |_| on_choose.run(id.clone())>{service.title.clone()}</button>
                            <p class="hint">{service.advocate_will.first().cloned().unwrap_or_default()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
