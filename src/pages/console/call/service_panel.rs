use advocate_domain::{Service, ServiceIndex};
use leptos::prelude::*;
use std::sync::Arc;

/// The service from the caller's own words, searched as the advocate types.
#[component]
pub fn ServicePanel(services: Arc<Vec<Service>>, #[prop(into)] on_choose: Callback<String>) -> impl IntoView {
    let index = Arc::new(ServiceIndex::new(&services));
    let text = RwSignal::new(String::new());
    let suggestions = Memo::new(move |_| index.suggest(&text.read()));
    let matches = Memo::new(move |_| suggestions.read().services.iter().copied().take(5).collect::<Vec<usize>>());
    view! {
        <section class="call-panel" aria-labelledby="call-service-title">
            <h2 id="call-service-title">"Find a service"</h2>
            <label class="label label--small" for="call-service">"What the caller needs, in their words"</label>
            <input id="call-service" class="input" type="search" autocomplete="off" aria-describedby="call-service-status"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <div role="alert" class="safety-slot">
                {move || suggestions.read().concern.map(|_| view! {
                    <div class="safety">
                        <p class="safety__headline">"The caller's words read as an emergency or a crisis."</p>
                        <p>"Before anything else: if life is in danger, have them call 911 now; for thoughts of suicide or a crisis, connect them with the 988 Suicide & Crisis Lifeline (call or text 988)."</p>
                    </div>
                })}
            </div>
            <p id="call-service-status" class="search__status" role="status">{move || match (text.read().trim().is_empty(), matches.read().len()) {
                (true, _) => String::new(),
                (false, _) if suggestions.read().concern.is_some() => String::new(),
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
