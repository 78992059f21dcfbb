//! The shell every page shares — skip link, masthead, main landmark, footer — and the routes.

use leptos::prelude::*;

use crate::strings::t;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::connectivity::{OfflineBadge, UpdateBanner};
use crate::pages::{ArticlePage, FrontPage, NotFound, SavedPage, SearchPage, TopicPage};
use crate::saved::SavedStories;
use crate::settings::SettingsMenu;

/// Moves focus to the main content. Handled here because the router would otherwise treat the
/// fragment link as a navigation and leave focus where it was.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let main = document().get_element_by_id("main").and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    SavedStories::provide();
    view! {
        <Title formatter=|title: String| format!("{title} — Lede") />
        <Router>
            <RevealOnNavigation />
            <PageFrame>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=FrontPage />
                    <Route path=path!("/article/:slug") view=ArticlePage />
                    <Route path=path!("/saved") view=SavedPage />
                    <Route path=path!("/search") view=SearchPage />
                    <Route path=path!("/topic/:id") view=TopicPage />
                </Routes>
            </PageFrame>
        </Router>
    }
}

/// What every page has around its content. Also rendered at build time around pre-rendered
/// pages, so the page the app takes over looks exactly like the one it renders.
#[component]
pub fn PageFrame(children: Children) -> impl IntoView {
    view! {
            <a class="skip-link" href="#main" on:click=skip_to_main>{t().skip_to_content}</a>
            <header class="masthead">
                <div class="masthead-inner">
                    <a class="wordmark" href="/" aria-label=t().wordmark_label>"Lede"</a>
                    <nav aria-label=t().sections_nav>
                        <ul class="nav-list">
                            <li><a href="/">{t().front_page}</a></li>
                            <li><a href=lede_core::routes::SEARCH>{t().search_nav}</a></li>
                            <li><a href=lede_core::routes::SAVED>{t().saved_nav}</a></li>
                        </ul>
                    </nav>
                    <OfflineBadge />
                    <SettingsMenu />
                </div>
            </header>
            <UpdateBanner />
            <main id="main" tabindex="-1">{children()}</main>
            <footer class="site-footer">
                <p>{t().footer}</p>
            </footer>
    }
}

/// A link followed inside a pre-rendered page (the router handles it in the app, still hidden)
/// shows the app at once.
#[component]
fn RevealOnNavigation() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |first: Option<()>| {
        location.pathname.track();
        if first.is_some() {
            crate::takeover::reveal();
        }
    });
}
