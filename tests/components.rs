//! Components mounted alone in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use lede::components::{ArticleView, ErrorView, RichText};
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
