//! What a reader sees when a document cannot be shown: what went wrong in plain words, the
//! details for whoever publishes the file, and a way to try again.

use leptos::prelude::*;

use crate::strings::t;

use crate::load_error::LoadError;

#[component]
pub fn ErrorView(
    error: LoadError,
    /// What was being loaded, e.g. "this story".
    what: &'static str,
    /// Called by the "Try again" button.
    on_retry: Callback<()>,
) -> impl IntoView {
    let (title, explanation) = match &error {
        LoadError::NotFound => (t().error_not_found.0, (t().error_not_found.1)(what)),
        LoadError::Network(_) if !crate::connectivity::online() => (t().error_offline.0, (t().error_offline.1)(what)),
        LoadError::Network(_) => (t().error_network.0, (t().error_network.1)(what)),
        LoadError::Status(code) => (t().error_status.0, (t().error_status.1)(what, *code)),
        LoadError::Invalid(_) => (t().error_invalid.0, (t().error_invalid.1)(what)),
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
                    <summary>{t().error_details}</summary>
                    <ul>{details.into_iter().map(|d| view! { <li><code>{d}</code></li> }).collect_view()}</ul>
                </details>
            })}
            <p class="error-actions">
                <button type="button" class="button" on:click=move |_| on_retry.run(())>{t().try_again}</button>
                <a class="button button-quiet" href="/">{t().go_to_front_page}</a>
            </p>
        </section>
    }
}
