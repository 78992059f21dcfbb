//! "Related: Armenia and Azerbaijan" — a publisher's labelled group of links.

use lede_core::Related;
use lede_core::validate::is_safe_href;
use leptos::prelude::*;

use crate::strings::t;

#[component]
pub fn RelatedPanel(related: Related, index: usize) -> impl IntoView {
    let heading_id = format!("related-{index}");
    let labelled_by = heading_id.clone();
    view! {
        <aside class="related" aria-labelledby=labelled_by>
            <h2 id=heading_id class="related-label">
                <bdi class="related-kicker" lang="en">{t().related}</bdi>" "
                {related.label}
            </h2>
            <ul>
                {related
                    .items
                    .into_iter()
                    .filter(|item| is_safe_href(&item.href))
                    .map(|item| view! { <li><a href=item.href>{item.title}</a></li> })
                    .collect_view()}
            </ul>
        </aside>
    }
}
