//! What a reader sees when a document cannot be shown: what went wrong in plain words, the
//! details for whoever publishes the file, and a way to try again.

use leptos::prelude::*;

use crate::load::LoadError;

#[component]
pub fn ErrorView(
    error: LoadError,
    /// What was being loaded, e.g. "this story".
    what: &'static str,
    /// Called by the "Try again" button.
    on_retry: Callback<()>,
) -> impl IntoView {
    let (title, explanation) = match &error {
        LoadError::NotFound => ("Not found", format!("We could not find {what}.")),
        LoadError::Network(_) => {
            ("Could not connect", format!("We could not load {what}. Check your connection and try again."))
        }
        LoadError::Status(code) => (
            "Something went wrong",
            format!("The server could not send {what} (error {code}). Please try again in a moment."),
        ),
        LoadError::Invalid(_) => {
            ("This file is damaged", format!("We received {what}, but it is not in a form we can show."))
        }
    };
    let details: Vec<String> = match &error {
        LoadError::Invalid(problems) => problems.iter().map(|p| p.to_string()).collect(),
        LoadError::Network(message) => vec![message.clone()],
        _ => Vec::new(),
    };
    view! {
        <section class="error-view" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{title}</h1>
            <p>{explanation}</p>
            {(!details.is_empty()).then(|| view! {
                <details class="error-details">
                    <summary>"Details for the publisher"</summary>
                    <ul>{details.into_iter().map(|d| view! { <li><code>{d}</code></li> }).collect_view()}</ul>
                </details>
            })}
            <p class="error-actions">
                <button type="button" class="button" on:click=move |_| on_retry.run(())>"Try again"</button>
                <a class="button button-quiet" href="/">"Go to the front page"</a>
            </p>
        </section>
    }
}
