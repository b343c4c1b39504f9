//! The advocate console's bundle (console.html, served at /console/): the console and call mode,
//! built apart from the member app so that members never download them.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(advocate_web::ConsoleApp);
}
