//! The "In this story" panel: the legend with a switch per kind of entity, the entities grouped by
//! kind as chips with their mention counts, and the card of the selected entity.

use lede_core::index::Elsewhere;
use lede_core::routes::article_path;
use leptos::either::Either;
use leptos::prelude::*;

use crate::strings::t;

use crate::components::share::{SITE_URL, copy_text};
use crate::entities::{EntityContext, EntityInfo, Group, GroupText, entity_link};

#[component]
pub fn EntityPanel(
    /// The story's slug, for "copy link" and for leaving it out of "other stories".
    #[prop(into)]
    slug: String,
    /// What the archive knows of an entity beyond this story, given `(entity id, this story's
    /// slug)`; `None` until the archive index has loaded, or if it cannot be had. The page
    /// provides it (components do not fetch).
    elsewhere: Callback<(String, String), Option<Elsewhere>>,
) -> impl IntoView {
    let ctx = use_context::<EntityContext>().expect("EntityPanel needs an EntityContext");
    let slug = StoredValue::new(slug);
    view! {
        <aside class="entity-panel" aria-labelledby="entity-panel-title">
            <h2 id="entity-panel-title" class="panel-title">{t().in_this_story}</h2>
            <Legend />
            {move || {
                // Rebuilt when the entities arrive, so a deep-linked card fills in.
                ctx.story.track();
                ctx.selected.get().map(|id| view! { <EntityCard id=id slug=slug.get_value() elsewhere=elsewhere /> })
            }}
            {move || ctx.story.with(|story| match story {
                None => Either::Left(view! {
                    <p class="panel-status" role="status">{t().finding_entities}</p>
                }),
                Some(story) => Either::Right(view! {
                    <div class="entity-groups">
                        {story.by_group().into_iter().map(|(group, entities)| view! { <EntityGroup group entities /> }).collect_view()}
                    </div>
                }),
            })}
        </aside>
    }
}

/// The key to the highlights, doubling as their switches.
#[component]
fn Legend() -> impl IntoView {
    let ctx = use_context::<EntityContext>().expect("EntityContext");
    let set_prefs = move |change: &dyn Fn(&mut crate::entities::HighlightPrefs)| {
        ctx.prefs.update(|p| {
            change(p);
            p.save();
        });
    };
    view! {
        <fieldset class="legend">
            <legend>{t().highlight}</legend>
            <ul>
                {Group::ALL.into_iter().map(|group| {
                    let checked = move || ctx.prefs.with(|p| !p.hidden.contains(&group));
                    view! {
                        <li>
                            <label class="legend-item">
                                <input
                                    type="checkbox"
                                    // The attributes for the pre-rendered page, the properties for the live one.
                                    checked=checked
                                    disabled=move || ctx.prefs.with(|p| p.off)
                                    prop:checked=checked
                                    prop:disabled=move || ctx.prefs.with(|p| p.off)
                                    on:change=move |_| set_prefs(&|p| p.toggle(group))
                                />
                                <span class=format!("legend-swatch entity {}", group.class()) aria-hidden="true">"Aa"</span>
                                {group.label()}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button
                type="button"
                class="button button-quiet button-small"
                aria-pressed=move || ctx.prefs.with(|p| p.off.to_string())
                on:click=move |_| set_prefs(&|p| p.off = !p.off)
            >
                {t().highlights_off}
            </button>
        </fieldset>
    }
}

/// How many entities a group lists before "Show all": a long read can name thousands.
const SHOWN_PER_GROUP: usize = 12;

#[component]
fn EntityGroup(group: Group, entities: Vec<EntityInfo>) -> impl IntoView {
    let heading_id = format!("entity-group-{}", group.noun());
    let labelled_by = heading_id.clone();
    let total = entities.len();
    let show_all = RwSignal::new(false);
    let entities = StoredValue::new(entities);
    view! {
        <section class="entity-group" aria-labelledby=labelled_by>
            <h3 id=heading_id>{group.label()}</h3>
            <ul>
                {move || {
                    let shown = if show_all.get() { total } else { total.min(SHOWN_PER_GROUP) };
                    entities.with_value(|list| list[..shown].iter().cloned().map(|e| chip(group, e)).collect_view())
                }}
            </ul>
            {(total > SHOWN_PER_GROUP).then(|| view! {
                <button type="button" class="button button-quiet button-small" aria-expanded=move || show_all.get().to_string() on:click=move |_| show_all.update(|s| *s = !*s)>
                    {move || if show_all.get() { t().show_fewer.to_string() } else { (t().show_all)(total) }}
                </button>
            })}
        </section>
    }
}

/// One entity as a toggle button: selects it, or closes its card when selected.
///
/// Its accessible name begins with the words it shows, as WCAG 2.5.3 (Label in Name) asks: the
/// chip shows "Kremlin 1" and is named "Kremlin 1 mention, place", the words after the count in
/// visually hidden text. (A flex item each, name and count are read with a space between them.)
fn chip(group: Group, e: EntityInfo) -> impl IntoView {
    let ctx = use_context::<EntityContext>().expect("EntityContext");
    let id = e.id.clone();
    let pressed_id = id.clone();
    let pressed = move || ctx.selected.with(|s| s.as_deref() == Some(pressed_id.as_str())).to_string();
    let count = e.mentions.to_string();
    let mentions = (t().mentions)(e.mentions);
    // "1 mention" follows the shown "1" as " mention"; a wording that does not start with the
    // number is said whole after it.
    let unseen = match mentions.strip_prefix(count.as_str()) {
        Some(rest) => format!("{rest}, {}", group.noun()),
        None => format!(", {mentions}, {}", group.noun()),
    };
    view! {
        <li>
            <button
                type="button"
                class=format!("entity-chip {}", group.class())
                data-entity-id=e.id.clone()
                aria-pressed=pressed
                on:click=move |_| {
                    if ctx.selected.get_untracked().as_deref() == Some(id.as_str()) { ctx.close() } else { ctx.select(&id) }
                }
            >
                <span class="chip-name">{e.name}</span>
                <span class="chip-count">{count}<span class="visually-hidden">{unseen}</span></span>
            </button>
        </li>
    }
}

/// The selected entity: what it is, where the story mentions it, and a link to share.
#[component]
fn EntityCard(id: String, slug: String, elsewhere: Callback<(String, String), Option<Elsewhere>>) -> impl IntoView {
    let ctx = use_context::<EntityContext>().expect("EntityContext");
    let copied = RwSignal::new(false);
    let info =
        ctx.story.with_untracked(|s| s.as_ref().and_then(|s| s.entity(&id).cloned().map(|e| (e, s.sentences_of(&id)))));
    let Some((entity, sentences)) = info else {
        // A deep link to an entity this story does not mention (yet): say so, plainly.
        return Either::Left(view! {
            <section class="entity-card" role="region" aria-label=t().selected_entity>
                <p>{move || if ctx.story.with(Option::is_some) { t().entity_not_in_story } else { t().finding_entity }}</p>
                <button type="button" class="button button-quiet button-small" on:click=move |_| ctx.close()>{t().close}</button>
            </section>
        });
    };
    let group = entity.group();
    let total = entity.mentions;
    let link = entity_link(&slug, &entity.id);
    let copy = move |_| {
        copy_text(&format!("{}{link}", SITE_URL.trim_end_matches('/')), copied);
    };
    let mut kind_line = format!("{} · {}", capitalise(group.noun()), (t().mentions)(total));
    if entity.confirmed {
        kind_line = format!("{kind_line} · {}", t().listed_by_publisher);
    }
    Either::Right(view! {
        <section class=format!("entity-card {}", group.class()) role="region" aria-labelledby="entity-card-title">
            <div class="card-head">
                <h3 id="entity-card-title">{entity.name.clone()}</h3>
                <button type="button" class="card-close" aria-label=t().close on:click=move |_| ctx.close()>"×"</button>
            </div>
            <p class="card-kind">{kind_line}</p>
            {entity.same_as.clone().map(|url| view! {
                <p><a href=url rel="noopener noreferrer">{(t().about)(&entity.name)}</a></p>
            })}
            <div class="card-nav">
                <button type="button" class="button button-quiet button-small" on:click=move |_| ctx.step(-1)>{t().previous_mention}</button>
                <span class="card-position" aria-live="polite">{move || (t().position_of)(ctx.current.get() + 1, total)}</span>
                <button type="button" class="button button-quiet button-small" on:click=move |_| ctx.step(1)>{t().next_mention}</button>
            </div>
            <h4>{t().where_mentioned}</h4>
            <ul class="card-sentences">
                {sentences.into_iter().map(|(block, sentence)| match block.strip_prefix("body:") {
                    Some(anchor) => Either::Left(view! { <li><a href=format!("#{anchor}")>{sentence}</a></li> }),
                    None => Either::Right(view! { <li>{sentence}</li> }),
                }).collect_view()}
            </ul>
            {
                let (id, slug) = (entity.id.clone(), slug.clone());
                // Nothing while the index loads or if it cannot be had: the card is complete without it.
                move || elsewhere.run((id.clone(), slug.clone())).map(|e| view! { <OtherStories id=id.clone() elsewhere=e /> })
            }
            <p class="card-share">
                <button type="button" class="button button-small" on:click=copy>{t().copy_link}</button>
                <span role="status" class="card-copied">{move || copied.get().then_some(t().link_copied)}</span>
            </p>
        </section>
    })
}

/// Other stories that mention the entity, from the archive index, and its topic page.
#[component]
fn OtherStories(id: String, elsewhere: Elsewhere) -> impl IntoView {
    let Elsewhere { name, stories } = elsewhere;
    let topic = lede_core::routes::topic_path(&id);
    view! {
        {(!stories.is_empty()).then(|| view! {
            <h4>{t().other_stories}</h4>
            <ul class="card-others">
                {stories
                    .into_iter()
                    .map(|(other, headline)| view! { <li><a href=article_path(&other)>{headline}</a></li> })
                    .collect_view()}
            </ul>
        })}
        <p class="card-topic"><a href=topic>{(t().all_stories_about)(&name)}</a></p>
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
