fn main() {
    console_error_panic_hook::set_once();
    // The server's first paint (#boot) stays until the app has its settings and draws the page
    // in its place (`page::remove_first_paint`), so the member never sees an empty page.
    leptos::mount::mount_to_body(advocate_web::App);
    advocate_web::page::keep_for_offline();
}
