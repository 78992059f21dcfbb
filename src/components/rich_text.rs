//! Text runs to DOM: each run becomes text, emphasis or a link. Text is always inserted as text,
//! never parsed as HTML.

use lede_core::validate::is_safe_href;
use lede_core::{Mark, Run};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;

#[component]
pub fn RichText(runs: Vec<Run>) -> impl IntoView {
    runs.into_iter().map(|run| formatted(run.text, &run.marks, run.href)).collect_view()
}

/// Content (text, or text with highlights) wrapped in a run's marks and link.
pub fn formatted<V: IntoView>(text: V, marks: &[Mark], href: Option<String>) -> impl IntoView + use<V> {
    // Marks nest in a fixed order (strong outside emphasis) so a run always yields the same markup.
    let marked = match (marks.contains(&Mark::Emphasis), marks.contains(&Mark::Strong)) {
        (false, false) => EitherOf4::A(text),
        (true, false) => EitherOf4::B(view! { <em>{text}</em> }),
        (false, true) => EitherOf4::C(view! { <strong>{text}</strong> }),
        (true, true) => EitherOf4::D(view! { <strong><em>{text}</em></strong> }),
    };
    match href {
        // Validation already rejects unsafe links; checking again keeps this component safe
        // even when handed unvalidated data.
        Some(href) if is_safe_href(&href) => {
            let external = href.starts_with("http");
            Either::Left(view! { <a href=href rel=external.then_some("noopener noreferrer")>{marked}</a> })
        }
        _ => Either::Right(marked),
    }
}
