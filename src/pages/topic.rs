//! `/topic/<entity-id>`: every story that mentions an entity, newest first, each with the line
//! that mentions it — from the archive index.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::ErrorView;
use crate::entities::{Group, GroupText};
use crate::format::{self, Form};
use crate::pages::NotFound;
use crate::strings::t;

#[component]
pub fn TopicPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let archive = LocalResource::new(crate::archive::archive);
    let retry = Callback::new(move |()| archive.refetch());
    Effect::new(move |_| {
        if archive.with(Option::is_some) {
            crate::takeover::reveal();
        }
    });
    move || match archive.get() {
        None => view! { <p class="loading" role="status">{t().loading_stories}</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error=error what=t().the_list_of_stories on_retry=retry /> }.into_any(),
        Some(Ok(archive)) => {
            let id = id.get();
            let Some(entity) = archive.index.entity(&id).cloned() else {
                return view! { <NotFound /> }.into_any();
            };
            let entries: Vec<_> = archive
                .index
                .stories_mentioning(&id)
                .into_iter()
                .map(|e| {
                    (
                        e.story.slug.clone(),
                        e.story.headline.clone(),
                        e.story.published.clone(),
                        e.story.language.clone(),
                        e.context.to_string(),
                    )
                })
                .collect();
            let count = (t().topic_count)(entries.len());
            let kind = Group::of(entity.kind).noun();
            view! {
                <Title text=(t().topic_title)(&entity.name) />
                <section class="topic" aria-labelledby="topic-title">
                    <p class="kicker">{kind}</p>
                    <h1 id="topic-title">{entity.name.clone()}</h1>
                    <p class="topic-count">{count}</p>
                    {entries.is_empty().then(|| view! { <p>{t().topic_unknown}</p> })}
                    <ul class="topic-list">
                        {entries.into_iter().map(|(slug, headline, published, language, context)| {
                            let shown = format::at_build(&published, &language, Form::Date);
                            format::localise_soon();
                            view! {
                                <li lang=language dir="auto">
                                    <a class="topic-headline" href=lede_core::routes::article_path(&slug)>{headline}</a>
                                    <p class="topic-date"><time datetime=published data-local=Form::Date.marker()>{shown}</time></p>
                                    {(!context.is_empty()).then(|| view! { <p class="topic-context">{context}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        }
    }
}
