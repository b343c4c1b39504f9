//! The rows of a bill that looked like charges but could not be read completely: listed for
//! the member to compare with the bill, never dropped silently (issue 14).

use advocate_domain::bill_import::layout::PrintedRow;
use leptos::prelude::*;

/// "Check these rows", each with its page and text and a button that adds it as a charge. Each
/// row comes with the page number the member sees (from 1, counting the pages of earlier files).
#[component]
pub fn RowsToCheck(rows: RwSignal<Vec<(u32, PrintedRow)>>, #[prop(into)] on_add: Callback<(u32, PrintedRow)>) -> impl IntoView {
    view! {
        <Show when=move || !rows.read().is_empty()>
            <section class="rows-to-check" aria-labelledby="rows-to-check-title">
                <h3 id="rows-to-check-title">"Check these rows"</h3>
                <p class="hint">"These rows looked like charges, but we could not read them completely. If one is a charge, add it and fill in what is missing from the bill."</p>
                <ul class="rows-to-check__list">
                    {move || rows.get().into_iter().enumerate().map(|(i, (page, row))| {
                        let text = row.text.clone();
                        view! {
                            <li class="rows-to-check__row">
                                <p class="printed-row"><span class="printed-row__page">{format!("Page {page}: ")}</span>{row.text.clone()}</p>
                                <button type="button" class="button button--secondary" on:click=move |_| {
                                    rows.update(|r| { if i < r.len() { r.remove(i); } });
                                    on_add.run((page, row.clone()));
                                }>
                                    "Add as a charge" <span class="visually-hidden">{format!(": {text}")}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
