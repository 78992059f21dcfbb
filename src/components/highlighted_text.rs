//! Rich text with the story's entities marked. Without recognised entities (still loading,
//! highlights off, or no entity context at all) it is exactly `RichText`.
//!
//! Each mention is one `<mark>` carrying `data-entity-type` and `data-entity-id`. A mention
//! inside one run sits inside that run's link or emphasis (so a link stays one link); a mention
//! across runs wraps their pieces. Marks change colours and underlines only, never the size of
//! the text, so nothing moves when they appear.

use lede_core::Run;
use lede_core::markup::{Piece, Segment, segments};
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::rich_text::{RichText, formatted};
use crate::entities::{EntityContext, Group};
use lede_core::entity::story::SpanInfo;

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
    // Switched on when this block's turn comes (see `EntityContext::show`).
    let revealed = RwSignal::new(false);
    ctx.register_block(revealed);
    Either::Right(move || {
        let prefs = ctx.prefs.get();
        if !revealed.get() {
            return Either::Left(view! { <RichText runs=runs.clone() /> });
        }
        let spans = ctx.story.with(|story| {
            story.as_ref().map(|s| {
                s.spans(&block).iter().filter(|span| prefs.shows(Group::of(span.kind))).cloned().collect::<Vec<_>>()
            })
        });
        match spans {
            None => Either::Left(view! { <RichText runs=runs.clone() /> }),
            Some(spans) => Either::Right(highlighted(ctx, &runs, &spans)),
        }
    })
}

fn highlighted(ctx: EntityContext, runs: &[Run], spans: &[SpanInfo]) -> impl IntoView + use<> {
    let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
    let segs = segments(runs, &ranges);
    let mut views = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        match segs[i].single_run() {
            // Consecutive segments of one run share that run's formatting, written once.
            Some(run) => {
                let mut j = i;
                let mut inside = Vec::new();
                while j < segs.len() && segs[j].single_run() == Some(run) {
                    inside.push(match &segs[j] {
                        Segment::Plain(p) => Either::Left(p.text.clone()),
                        Segment::Highlight { span, pieces } => {
                            Either::Right(mark(ctx, &spans[*span], pieces[0].text.clone()))
                        }
                    });
                    j += 1;
                }
                let r = &runs[run];
                views.push(Either::Left(formatted(inside, &r.marks, r.href.clone())));
                i = j;
            }
            None => {
                let Segment::Highlight { span, pieces } = &segs[i] else { unreachable!("plain text lies in one run") };
                let inner = pieces
                    .iter()
                    .cloned()
                    .map(|Piece { text, marks, href, .. }| formatted(text, &marks, href))
                    .collect_view();
                views.push(Either::Right(mark(ctx, &spans[*span], inner)));
                i += 1;
            }
        }
    }
    views
}

fn mark<V: IntoView + 'static>(ctx: EntityContext, span: &SpanInfo, content: V) -> impl IntoView + use<V> {
    let group = Group::of(span.kind);
    let id = span.id.clone();
    let selected_id = id.clone();
    let is_selected = move || ctx.selected.with(|s| s.as_deref() == Some(selected_id.as_str()));
    let click_id = id.clone();
    view! {
        <mark
            class=format!("entity {}", group.class())
            class:entity-selected=is_selected
            data-entity-type=span.kind.label()
            data-entity-id=id
            on:click=move |_| ctx.select(&click_id)
        >
            {content}
        </mark>
    }
}
