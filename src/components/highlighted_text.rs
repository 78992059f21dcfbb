//! Rich text with the story's entities marked. Without recognised entities (still loading,
//! highlights off, or no entity context at all) it is exactly `RichText`.
//!
//! Each mention is one `<mark>` carrying `data-entity-type` and `data-entity-id`. Marks change
//! colours and underlines only, never the size of the text, so nothing moves when they appear.

use lede_core::Run;
use lede_core::markup::{Segment, segments};
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::rich_text::{RichText, formatted};
use crate::entities::{EntityContext, Group};

#[component]
pub fn HighlightedText(
    runs: Vec<Run>,
    /// The block's key (see `Article::text_blocks`).
    #[prop(into)]
    block: String,
) -> impl IntoView {
    let Some(ctx) = use_context::<EntityContext>() else {
        return Either::Left(view! { <RichText runs=runs /> });
    };
    Either::Right(move || {
        let prefs = ctx.prefs.get();
        let spans = ctx.story.with(|story| {
            story.as_ref().map(|s| {
                s.spans(&block).iter().filter(|span| prefs.shows(Group::of(span.kind))).cloned().collect::<Vec<_>>()
            })
        });
        match spans {
            None => Either::Left(view! { <RichText runs=runs.clone() /> }),
            Some(spans) => {
                let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
                let views = segments(&runs, &ranges)
                    .into_iter()
                    .map(|segment| match segment {
                        Segment::Plain(p) => Either::Left(formatted(p.text, &p.marks, p.href)),
                        Segment::Highlight { span, pieces } => {
                            let span = &spans[span];
                            let group = Group::of(span.kind);
                            let id = span.id.clone();
                            let selected_id = id.clone();
                            let is_selected = move || ctx.selected.with(|s| s.as_deref() == Some(selected_id.as_str()));
                            let click_id = id.clone();
                            Either::Right(view! {
                                <mark
                                    class=format!("entity {}", group.class())
                                    class:entity-selected=is_selected
                                    data-entity-type=span.kind.label()
                                    data-entity-id=id
                                    on:click=move |_| ctx.select(&click_id)
                                >
                                    {pieces.into_iter().map(|p| formatted(p.text, &p.marks, p.href)).collect_view()}
                                </mark>
                            })
                        }
                    })
                    .collect_view();
                Either::Right(views)
            }
        }
    })
}
