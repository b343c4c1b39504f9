//! Embedded in an employer's intranet, under `/e/{slug}/`: no site header or footer, the
//! employer's colours, the page's height reported to the parent page (so the frame never
//! scrolls inside a scrolling page), and links that leave the app opened in a new tab. Member
//! flows use no cookies, so a browser that blocks third-party cookies in frames breaks nothing.

use advocate_domain::employer::EmployerTheme;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Turns the page into the employer's embedded app.
pub fn start(theme: &EmployerTheme) {
    let document = leptos::prelude::document();
    let Some(root) = document.document_element() else { return };
    let _ = root.class_list().add_1("embedded");
    if let Some(root) = root.dyn_ref::<web_sys::HtmlElement>() {
        let style = root.style();
        let colours = theme.colours;
        for (name, value) in [
            ("--color-primary", colours.primary),
            ("--color-primary-dark", colours.primary.darker(80)),
            ("--color-header-bg", colours.primary),
            ("--color-action", colours.action),
            ("--color-action-dark", colours.action.darker(80)),
        ] {
            let _ = style.set_property(name, &value.to_string());
        }
    }
    report_height();
    open_other_sites_in_new_tabs();
}

/// Tells the parent page the content's height whenever it changes. The height says nothing
/// about the member, so any parent may hear it.
fn report_height() {
    let window = leptos::prelude::window();
    let Some(body) = leptos::prelude::document().body() else { return };
    let measured = body.clone();
    let send = Closure::<dyn FnMut()>::new(move || {
        let Ok(Some(parent)) = leptos::prelude::window().parent() else { return };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"advocate:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &f64::from(measured.offset_height()).into());
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    let _ = window.add_event_listener_with_callback("load", send.as_ref().unchecked_ref());
    // Lives as long as the page.
    send.forget();
}

/// A link to another site cannot open inside the intranet's frame: it opens in a new tab.
fn open_other_sites_in_new_tabs() {
    let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(|event: web_sys::MouseEvent| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Ok(Some(link)) = target.closest("a[href]") else { return };
        let Some(link) = link.dyn_ref::<web_sys::HtmlAnchorElement>() else { return };
        let here = leptos::prelude::window().location().origin().unwrap_or_default();
        let web_link = link.protocol().starts_with("http");
        if web_link && link.origin() != here {
            link.set_target("_blank");
            link.set_rel("noopener noreferrer");
        }
    });
    let _ = leptos::prelude::document().add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    on_click.forget();
}
