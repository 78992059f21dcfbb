//! Lede, the reader: a thin Leptos UI over `lede-core`.
//!
//! `app` holds the shell and routes, `pages` one module per route, `components` the pieces a
//! page is made of, `load` the network, `format` the browser's locale-aware formatting.

// Server-side rendering (feature `ssr`) nests Leptos view types deeper than the default limit.
#![recursion_limit = "256"]

pub mod app;
pub mod archive;
pub mod components;
pub mod connectivity;
pub mod dom;
pub mod entities;
pub mod format;
pub mod load;
pub mod load_error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod saved;
pub mod settings;
pub mod storage;
pub mod strings;
pub mod takeover;
