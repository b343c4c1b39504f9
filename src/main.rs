fn main() {
    console_error_panic_hook::set_once();
    // The page shows a loading line until the app takes over.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(advocate_web::App);
}
