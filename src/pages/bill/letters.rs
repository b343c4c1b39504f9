//! The letters for this bill: each opens to its text, with a button to copy it and one to print
//! it on its own page.

use advocate_domain::letters::Letter;
use leptos::prelude::*;

#[component]
pub fn LetterList(letters: Vec<Letter>) -> impl IntoView {
    view! {
        <section class="letters" aria-labelledby="letters-title">
            <h3 id="letters-title">"Letters you can send"</h3>
            <p class="hint">"Fill in what is in [brackets], then send it by email, through the provider's website, or by post."</p>
            {letters.into_iter().enumerate().map(|(i, letter)| view! { <LetterView letter=letter index=i/> }).collect_view()}
        </section>
    }
}

#[component]
fn LetterView(letter: Letter, index: usize) -> impl IntoView {
    let copied = RwSignal::new(false);
    let id = format!("letter-{index}");
    let text = letter.text.clone();
    let copy = move |_| {
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            copied.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    };
    let print = {
        let id = id.clone();
        move |_| print_only(&id)
    };
    view! {
        <details class="letter" id=id>
            <summary>{letter.title}</summary>
            <p class="letter__notice">{letter.notice}</p>
            <pre class="letter__text">{letter.text}</pre>
            <div class="letter__actions">
                <button type="button" class="button button--secondary" on:click=copy>"Copy the text"</button>
                <button type="button" class="button button--secondary" on:click=print>"Print"</button>
                <span role="status" class="letter__status">{move || copied.get().then_some("Copied.")}</span>
            </div>
        </details>
    }
}

/// Prints this letter alone: the print style sheet hides everything else while `printing` is
/// on the page.
fn print_only(id: &str) {
    let document = document();
    let (Some(body), Some(letter)) = (document.body(), document.get_element_by_id(id)) else { return };
    // A closed <details> prints nothing: open it first.
    let _ = letter.set_attribute("open", "");
    let _ = body.class_list().add_1("printing");
    let _ = letter.class_list().add_1("letter--print");
    let _ = window().print();
    let _ = body.class_list().remove_1("printing");
    let _ = letter.class_list().remove_1("letter--print");
}
