//! Signing in to the console. Wrong details get one message that does not say which was wrong.

use super::ConsoleSession;
use crate::api::ApiError;
use crate::components::{ErrorSummary, TextField};
use crate::console_api;
use advocate_domain::console::SessionInfo;
use leptos::prelude::*;

#[component]
pub fn SignIn(#[prop(into)] on_signed_in: Callback<SessionInfo>) -> impl IntoView {
    let session = ConsoleSession::get();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let sending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        let mut problems = Vec::new();
        if e.trim().is_empty() {
            problems.push(("email".to_string(), "Enter your email address.".to_string()));
        }
        if p.is_empty() {
            problems.push(("password".to_string(), "Enter your password.".to_string()));
        }
        errors.set(problems);
        if !errors.read_untracked().is_empty() {
            return;
        }
        sending.set(true);
        leptos::task::spawn_local(async move {
            match console_api::sign_in(&e, &p).await {
                Ok(info) => {
                    password.set(String::new());
                    on_signed_in.run(info);
                }
                Err(ApiError::Problem(problem)) => {
                    let message = problem.detail.unwrap_or(problem.title);
                    errors.set(vec![("password".into(), message)]);
                }
                Err(error) => errors.set(vec![("email".into(), error.to_string())]),
            }
            sending.set(false);
        });
    };
    let error_for =
        move |field: &'static str| Signal::derive(move || errors.read().iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()));
    view! {
        <div class="page page--narrow">
            <h1 tabindex="-1">"Sign in to the advocate console"</h1>
            {move || session.signed_out_reason.get().map(|reason| view! { <p class="notice notice--info" role="status">{reason}</p> })}
            <ErrorSummary errors=Signal::derive(move || errors.get())/>
            <form on:submit=submit novalidate>
                <TextField id="email" label="Email address" input_type="email" autocomplete="username"
                    value=Signal::derive(move || email.get()) on_input=move |v: String| email.set(v) error=error_for("email")/>
                <TextField id="password" label="Password" input_type="password" autocomplete="current-password"
                    value=Signal::derive(move || password.get()) on_input=move |v: String| password.set(v) error=error_for("password")/>
                <button type="submit" class="button button--primary" disabled=move || sending.get()>"Sign in"</button>
            </form>
        </div>
    }
}
