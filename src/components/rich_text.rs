//! Text runs to DOM: each run becomes text, emphasis or a link. Text is always inserted as text,
//! never parsed as HTML.

use lede_core::{Mark, Run};
use lede_core::validate::is_safe_href;
use leptos::prelude::*;

#[component]
pub fn RichText(runs: Vec<Run>) -> impl IntoView {
    runs.into_iter().map(run_view).collect_view()
}

fn run_view(run: Run) -> AnyView {
    let mut view = run.text.into_any();
    // Marks nest in a fixed order so the same run always yields the same markup.
    if run.marks.contains(&Mark::Emphasis) {
        view = view! { <em>{view}</em> }.into_any();
    }
    if run.marks.contains(&Mark::Strong) {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    match run.href {
        // Validation already rejects unsafe links; checking again keeps this component safe
        // even when handed unvalidated data.
        Some(href) if is_safe_href(&href) => {
            let external = href.starts_with("http");
            view! { <a href=href rel=external.then_some("noopener noreferrer")>{view}</a> }.into_any()
        }
        _ => view,
    }
}
