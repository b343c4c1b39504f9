//! The id of the HTTP request being answered: given to every log line, problem and audit event
//! of that request, so that a problem a member reports leads to what the server did.

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Runs `future` with `id` as the current request's id.
pub async fn with_request_id<F: Future>(id: String, future: F) -> F::Output {
    REQUEST_ID.scope(id, future).await
}

/// The id of the request being answered, when called while answering one.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}
