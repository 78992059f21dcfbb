//! Finding the article's text in a page that does not mark it, in the manner of Arc90's
//! Readability: every paragraph scores points for its parent and grandparent (more for long
//! text and commas), a container's score is cut by how much of its text is links and by
//! class names such as `comments` or `share`, and the best container wins.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Selector};

use crate::dom::{Dom, has_positive_class};

/// Paragraphs shorter than this (in non-space characters) score nothing: captions, bylines,
/// "Share this story".
const MIN_PARAGRAPH: usize = 20;

/// The element that holds the article's text, and how it was found (for messages).
pub fn find_container(dom: &Dom) -> Option<(ElementRef<'_>, &'static str)> {
    // A page that marks its body (microdata) is taken at its word.
    let marked = Selector::parse("[itemprop~=articleBody]").expect("valid selector");
    let marked = dom.doc.select(&marked).filter(|e| !dom.stat(e).skipped).max_by_key(|e| dom.stat(e).text);
    if let Some(el) = marked.filter(|e| dom.stat(e).text >= 100) {
        return Some((el, "itemprop=articleBody"));
    }

    let mut order: Vec<NodeId> = Vec::new();
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let paragraphs = Selector::parse("p, pre").expect("valid selector");
    for p in dom.doc.select(&paragraphs) {
        let stat = dom.stat(&p);
        if stat.skipped || stat.text < MIN_PARAGRAPH {
            continue;
        }
        let text: String = p.text().collect();
        let commas = text.chars().filter(|c| matches!(c, ',' | '،' | '、' | '，')).count();
        let score = 1.0 + commas as f64 + (stat.text as f64 / 100.0).min(3.0);
        let ancestors = p.ancestors().filter_map(ElementRef::wrap).filter(|a| a.value().name() != "html");
        for (level, ancestor) in ancestors.take(3).enumerate() {
            let entry = scores.entry(ancestor.id()).or_insert_with(|| {
                order.push(ancestor.id());
                initial_score(&ancestor)
            });
            *entry += score / [1.0, 2.0, 3.0][level];
        }
    }

    let final_score = |id: &NodeId| -> Option<(ElementRef<'_>, f64)> {
        let el = ElementRef::wrap(dom.doc.tree.get(*id)?)?;
        Some((el, scores[id] * (1.0 - dom.link_density(&el))))
    };
    let mut top: Option<(ElementRef, f64)> = None;
    for id in &order {
        if let Some((el, score)) = final_score(id)
            && top.is_none_or(|(_, best)| score > best)
        {
            top = Some((el, score));
        }
    }
    let Some((mut top, mut top_score)) = top else {
        // No paragraphs at all: the page's main landmark, if it has one.
        let landmark = Selector::parse("article, main, [role=main]").expect("valid selector");
        return dom
            .doc
            .select(&landmark)
            .find(|e| dom.stat(e).text > 0 && !dom.stat(e).skipped)
            .map(|e| (e, "landmark"));
    };
    // The text may be split over sibling containers (`<div class=part>` × n): when the parent
    // scores nearly as well and more than one of its children holds a good share, take the parent.
    while let Some(parent) = top.parent().and_then(ElementRef::wrap) {
        let Some((_, parent_score)) = scores.contains_key(&parent.id()).then(|| final_score(&parent.id())).flatten()
        else {
            break;
        };
        let strong_children = parent
            .child_elements()
            .filter(|c| scores.contains_key(&c.id()))
            .filter_map(|c| final_score(&c.id()))
            .filter(|(_, s)| *s >= top_score * 0.3)
            .count();
        if parent_score >= top_score * 0.75 && strong_children >= 2 {
            top = parent;
            top_score = top_score.max(parent_score);
        } else {
            break;
        }
    }
    Some((top, "densest paragraph text"))
}

fn initial_score(el: &ElementRef) -> f64 {
    let tag = match el.value().name() {
        "article" => 10.0,
        "div" | "main" => 5.0,
        "section" | "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let class = if has_positive_class(el.value()) { 25.0 } else { 0.0 };
    tag + class
}
