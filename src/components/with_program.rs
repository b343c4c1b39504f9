use crate::app::Program;
use crate::components::ErrorNotice;
use advocate_domain::ProgramSettings;
use leptos::prelude::*;

/// Renders `children` with the program's settings once they have loaded, a quiet placeholder
/// while they load, and the error view if they cannot be loaded.
#[component]
pub fn WithProgram<V: IntoView + 'static>(
    children: impl Fn(ProgramSettings) -> V + Send + Sync + Clone + 'static,
    /// Shown while loading; nothing by default.
    #[prop(optional, into)]
    loading: ViewFnOnce,
    /// Whether a failure shows the error view (once per page is enough).
    #[prop(optional)]
    show_error: bool,
) -> impl IntoView {
    let Program(program) = expect_context::<Program>();
    view! {
        <Suspense fallback=loading>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match program.await {
                        Ok(settings) => children(settings).into_any(),
                        Err(error) if show_error => {
                            view! { <ErrorNotice error=error on_retry=move || program.refetch()/> }.into_any()
                        }
                        Err(_) => ().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
