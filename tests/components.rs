//! Components mounted alone in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use lede::components::{ArticleView, ErrorView, RichText};
use lede::format::Form;
use lede::load::LoadError;
use lede_core::{Article, Mark, Problems, Run};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str =
    include_str!("../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json");

/// Mounts a view into a fresh element of the page and returns the element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), view);
    std::mem::forget(handle); // keep it mounted for the assertions
    host
}

fn text(host: &HtmlElement, selector: &str) -> String {
    host.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).text_content().unwrap_or_default()
}

fn count(host: &HtmlElement, selector: &str) -> u32 {
    host.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
fn article_view_renders_the_seed_story() {
    let article = Article::from_json(SEED).unwrap();
    let host = mount(move || view! { <ArticleView article=article now_ms=0 /> });
    assert_eq!(text(&host, "h1"), "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh");
    assert!(text(&host, "figure.figure-lead figcaption .caption").contains("Barda, Azerbaijan, Oct. 8, 2020"));
    assert!(text(&host, "figure.figure-lead figcaption .credit").starts_with("Illustration: Lede"));
    let img = host.query_selector("figure.figure-lead img").unwrap().unwrap();
    assert_eq!(img.get_attribute("width").as_deref(), Some("1200"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("675"));
    assert_eq!(img.get_attribute("srcset"), None, "no sizes listed, no srcset");
    assert_eq!(count(&host, ".story-body > p"), 11);
    assert_eq!(text(&host, "#p6 + aside.related h2"), "Related: Armenia and Azerbaijan");
    assert_eq!(host.query_selector("article").unwrap().unwrap().get_attribute("lang").as_deref(), Some("en"));
    assert!(text(&host, ".published time").contains("2020"), "formatted for people, not ISO");
    assert_eq!(
        host.query_selector(".published time").unwrap().unwrap().get_attribute("datetime").as_deref(),
        Some("2020-10-09T12:00:00Z")
    );
}

#[wasm_bindgen_test]
fn breaking_banner_depends_on_time() {
    let article = Article::from_json(SEED).unwrap();
    let until = lede_core::time::Timestamp::parse("2020-10-10T12:00:00Z").unwrap().unix_ms();
    let fresh = article.clone();
    let host = mount(move || view! { <ArticleView article=fresh now_ms=until - 60_000 /> });
    assert_eq!(text(&host, ".breaking[role=status]"), "Breaking News");
    let host = mount(move || view! { <ArticleView article=article now_ms=until /> });
    assert_eq!(count(&host, ".breaking"), 0);
}

#[wasm_bindgen_test]
fn rich_text_marks_links_and_never_injects_html() {
    let runs = vec![
        Run::plain("<img src=x onerror=alert(1)> plain "),
        Run { text: "stressed".into(), marks: vec![Mark::Emphasis, Mark::Strong], href: None },
        Run { text: " site link".into(), marks: vec![], href: Some("/article/x".into()) },
        Run { text: " bad link".into(), marks: vec![], href: Some("javascript:alert(1)".into()) },
        Run { text: " outside".into(), marks: vec![], href: Some("https://example.org/".into()) },
    ];
    let host = mount(move || view! { <p><RichText runs=runs /></p> });
    assert_eq!(count(&host, "img"), 0, "markup in text stays text");
    assert!(
        host.text_content()
            .unwrap()
            .starts_with("<img src=x onerror=alert(1)> plain stressed site link bad link outside")
    );
    assert_eq!(text(&host, "strong > em"), "stressed");
    assert_eq!(count(&host, "a"), 2, "the javascript: link is dropped, its text kept");
    let external = host.query_selector("a[href^=https]").unwrap().unwrap();
    assert_eq!(external.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(host.query_selector("a[href='/article/x']").unwrap().unwrap().get_attribute("rel"), None);
}

#[wasm_bindgen_test]
fn error_view_lists_problems_and_offers_retry() {
    let retried = RwSignal::new(0);
    let problems =
        Problems::one("body[2].content[0].href", "`javascript:alert(1)` is not an http(s) URL or a site path");
    let host = mount(move || {
        view! { <ErrorView error=LoadError::Invalid(problems) what="this story" on_retry=Callback::new(move |()| retried.update(|n| *n += 1)) /> }
    });
    assert_eq!(text(&host, "[role=alert] h1"), "This file is damaged");
    assert!(text(&host, ".error-details li").starts_with("body[2].content[0].href: "));
    let button: HtmlElement = host.query_selector("button").unwrap().unwrap().unchecked_into();
    button.click();
    assert_eq!(retried.get_untracked(), 1);
}

mod highlights {
    use super::*;
    use lede::components::HighlightedText;
    use lede::entities::{EntityContext, StoryEntities};
    use lede_core::entity::{Analysis, Entity, EntityType, Span};

    /// Mounts one paragraph of `runs` with the given spans recognised in it.
    fn mount_highlighted(runs: Vec<Run>, spans: Vec<(usize, usize, EntityType, &'static str)>) -> HtmlElement {
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let mut article = Article::from_json(SEED).unwrap();
        article.entities.clear();
        let analysis = Analysis {
            blocks: vec![
                spans
                    .iter()
                    .map(|&(start, end, kind, id)| Span { start, end, kind, entity_id: Some(id.into()) })
                    .collect(),
            ],
            entities: spans
                .iter()
                .map(|&(_, _, kind, id)| Entity { id: id.into(), kind, name: id.into(), mentions: 1 })
                .collect(),
        };
        let texts = vec![("body:p1".to_string(), text.clone())];
        let story = StoryEntities::new(&article, texts, analysis);
        mount(move || {
            let ctx = EntityContext::new();
            ctx.story.set(Some(story));
            provide_context(ctx);
            view! { <p><HighlightedText runs=runs block="body:p1" /></p> }
        })
    }

    fn marks(host: &HtmlElement) -> Vec<(String, String, String)> {
        let list = host.query_selector_all("mark").unwrap();
        (0..list.length())
            .map(|i| {
                let el: web_sys::Element = list.item(i).unwrap().unchecked_into();
                (
                    el.text_content().unwrap_or_default(),
                    el.get_attribute("data-entity-type").unwrap_or_default(),
                    el.get_attribute("data-entity-id").unwrap_or_default(),
                )
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn offsets_are_right_on_multibyte_text() {
        let text = "“Baku and Yerevan” — Ереван, Ilham Aliyev’s office";
        let at = |s: &str| text.find(s).unwrap();
        let host = mount_highlighted(
            vec![Run::plain(text)],
            vec![
                (at("Baku"), at("Baku") + 4, EntityType::Loc, "loc-baku"),
                (at("Ереван"), at("Ереван") + "Ереван".len(), EntityType::Loc, "loc-yerevan"),
                (at("Ilham"), at("Ilham") + "Ilham Aliyev".len(), EntityType::Per, "per-ilham-aliyev"),
            ],
        );
        assert_eq!(
            marks(&host),
            vec![
                ("Baku".into(), "LOC".into(), "loc-baku".into()),
                ("Ереван".into(), "LOC".into(), "loc-yerevan".into()),
                ("Ilham Aliyev".into(), "PER".into(), "per-ilham-aliyev".into()),
            ]
        );
        assert_eq!(host.text_content().unwrap(), text, "no text lost or added");
    }

    #[wasm_bindgen_test]
    fn adjacent_and_nested_spans() {
        let text = "Armenia Azerbaijan OSCE Minsk Group";
        let host = mount_highlighted(
            vec![Run::plain(text)],
            vec![
                (0, 7, EntityType::Loc, "loc-armenia"),
                (7, 18, EntityType::Loc, "loc-azerbaijan"), // adjacent, starts with the space
                (19, 35, EntityType::Org, "org-osce-minsk-group"),
                (24, 35, EntityType::Org, "org-minsk-group"), // nested: the outer one wins
            ],
        );
        let found = marks(&host);
        assert_eq!(found.len(), 3);
        assert_eq!(found[1].0, " Azerbaijan");
        assert_eq!(found[2], ("OSCE Minsk Group".into(), "ORG".into(), "org-osce-minsk-group".into()));
        assert_eq!(host.query_selector_all("mark mark").unwrap().length(), 0, "marks never nest");
    }

    #[wasm_bindgen_test]
    fn a_mention_inside_a_link_keeps_one_link_and_one_across_runs_keeps_one_mark() {
        let runs = vec![
            Run::plain("co-chair the OSCE "),
            Run { text: "Minsk Group in Europe".into(), marks: vec![], href: Some("/article/x".into()) },
        ];
        let host = mount_highlighted(
            runs,
            vec![(13, 29, EntityType::Org, "org-osce-minsk-group"), (33, 39, EntityType::Loc, "loc-europe")],
        );
        assert_eq!(count(&host, "mark"), 2);
        assert_eq!(count(&host, "a"), 2, "the link is cut only where a mention crosses its edge");
        assert_eq!(text(&host, "mark[data-entity-id=org-osce-minsk-group]"), "OSCE Minsk Group");
        assert_eq!(text(&host, "a mark"), "Europe", "a mention inside the link sits inside it");
        assert_eq!(host.text_content().unwrap(), "co-chair the OSCE Minsk Group in Europe");
    }
}

/// A language tag that passes `is_language_tag` but that the browser's `Intl` rejects (a repeated
/// variant: ECMA-402 throws a RangeError) must not stop the story from rendering.
#[wasm_bindgen_test]
async fn a_language_tag_intl_rejects_still_renders_the_dates() {
    assert!(lede_core::validate::is_language_tag("de-1996-1996"), "the validator lets it through");
    let threw = js_sys::Function::new_no_args(
        "try { new Date(0).toLocaleString('de-1996-1996'); return false } catch (e) { return e instanceof RangeError }",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    assert_eq!(threw.as_bool(), Some(true), "this browser's Intl rejects the tag");
    let written = lede::format::in_readers_form("2020-10-09T12:00:00Z", "de-1996-1996", Form::Date);
    assert!(written.contains("2020") && written.contains('9') && !written.contains('T'), "{written}");
    let mut article = Article::from_json(SEED).unwrap();
    article.language = "de-1996-1996".into();
    let host = mount(move || view! { <ArticleView article=article now_ms=0 /> });
    assert_eq!(text(&host, "h1"), "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh");
    assert!(text(&host, ".published time").contains("2020"), "{}", text(&host, ".published time"));
    // And once rewritten for the reader, through the fallbacks for the tag `Intl` rejects.
    lede::dom::next_task().await;
    let time = host.query_selector(".published time").unwrap().unwrap();
    assert_eq!(time.get_attribute("data-local"), None, "rewritten");
    assert!(text(&host, ".published time").contains("2020"), "{}", text(&host, ".published time"));
}

/// The app renders the build's form of a date (what the pre-rendered page shows), then rewrites it
/// in the reader's form in a task of its own: the text `Intl` itself writes, the marker gone.
#[wasm_bindgen_test]
async fn dates_show_the_builds_form_then_the_readers() {
    // German, so that the reader's form differs from the build's even on a machine set to UTC.
    let mut article = Article::from_json(SEED).unwrap();
    article.language = "de".into();
    let host = mount(move || view! { <ArticleView article=article now_ms=0 /> });
    let time = host.query_selector(".published time").unwrap().unwrap();
    assert_eq!(time.text_content().as_deref(), Some("October 9, 2020 at 12:00 PM UTC"), "the build's form first");
    assert_eq!(time.get_attribute("data-local").as_deref(), Some("date-time"));
    let wanted = js_sys::Function::new_no_args(
        "return new Date('2020-10-09T12:00:00Z').toLocaleString('de', { year: 'numeric', month: 'long', \
         day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap()
    .as_string()
    .unwrap();
    // The rewrite's timer was set while rendering: one more zero-delay timer runs after it.
    lede::dom::next_task().await;
    assert_ne!(wanted, "October 9, 2020 at 12:00 PM UTC");
    assert_eq!(time.text_content(), Some(wanted));
    assert_eq!(time.get_attribute("data-local"), None, "rewritten once");
}
