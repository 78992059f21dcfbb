//! Every piece of interface text, in one place. A translation is one more `Strings` value in a
//! file of its own (copy `EN`, translate the right-hand sides) and a line in [`for_language`];
//! no component changes. Story text is never here: it comes from the article.

/// How the reader names one entity group.
pub struct GroupWords {
    /// The legend's and the panel's heading: "People".
    pub plural: &'static str,
    /// For accessible names: "Michelle Bachelet, person".
    pub noun: &'static str,
}

/// The interface text of one language.
pub struct Strings {
    pub skip_to_content: &'static str,
    pub wordmark_label: &'static str,
    pub sections_nav: &'static str,
    pub front_page: &'static str,
    pub footer: &'static str,

    pub front_title: &'static str,
    pub front_heading: &'static str,
    pub front_description: &'static str,
    pub loading_stories: &'static str,
    pub no_stories: &'static str,
    pub the_list_of_stories: &'static str,

    pub loading_story: &'static str,
    pub story_unavailable: &'static str,
    pub this_story: &'static str,
    pub breaking_news: &'static str,
    pub by: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub minutes_to_read: fn(usize, usize) -> String,
    pub related: &'static str,

    pub not_found_title: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub go_to_front_page: &'static str,

    pub error_not_found: (&'static str, fn(&str) -> String),
    pub error_network: (&'static str, fn(&str) -> String),
    pub error_status: (&'static str, fn(&str, u16) -> String),
    pub error_invalid: (&'static str, fn(&str) -> String),
    pub error_details: &'static str,
    pub try_again: &'static str,

    pub in_this_story: &'static str,
    pub finding_entities: &'static str,
    pub highlight: &'static str,
    pub highlights_off: &'static str,
    pub show_all: fn(usize) -> String,
    pub show_fewer: &'static str,
    pub mentions: fn(usize) -> String,
    pub listed_by_publisher: &'static str,
    pub about: fn(&str) -> String,
    pub previous_mention: &'static str,
    pub next_mention: &'static str,
    pub position_of: fn(usize, usize) -> String,
    pub where_mentioned: &'static str,
    pub other_stories: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub close: &'static str,
    pub selected_entity: &'static str,
    pub entity_not_in_story: &'static str,
    pub finding_entity: &'static str,
    /// Per entity group, in the legend's order (`Group::ALL`).
    pub groups: [GroupWords; 6],

    pub continue_region: &'static str,
    pub read_part: &'static str,
    pub continue_reading: &'static str,
    pub start_from_top: &'static str,

    pub listen_group: &'static str,
    pub listen: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub skip_sentence: &'static str,
    pub stop: &'static str,
    pub sentence_of: fn(usize, usize) -> String,
    pub speed: &'static str,

    pub share: &'static str,
    pub offline_badge: &'static str,
    pub update_available: &'static str,
    pub reload: &'static str,
    pub error_offline: (&'static str, fn(&str) -> String),

    pub saved_nav: &'static str,
    pub save_for_offline: &'static str,
    pub saved_for_offline: &'static str,
    pub saving: &'static str,
    pub save_failed: &'static str,
    pub save_story_label: fn(&str) -> String,
    pub saved_title: &'static str,
    pub saved_heading: &'static str,
    pub saved_intro: &'static str,
    pub saved_none: &'static str,
    pub saved_on: fn(&str, &str) -> String,
    pub remove: &'static str,
    pub remove_story_label: fn(&str) -> String,
    pub saved_updated: &'static str,
    pub save_new_version: &'static str,
    pub story_updated_since_saved: &'static str,
    pub storage_used: fn(&str, &str) -> String,
    /// (files, size, limit): what is kept from reading, apart from saved stories.
    pub storage_kept_from_reading: fn(usize, &str, usize) -> String,
    pub storage_persistent: &'static str,
    pub storage_not_persistent: &'static str,
    pub clear_my_data: &'static str,
    pub clear_my_data_explained: &'static str,
    pub clear_confirm: fn(usize) -> String,
    pub clear_everything: &'static str,
    pub cancel: &'static str,
    pub data_cleared: &'static str,
    pub saved_offline_list: &'static str,
    pub copy_paragraph_link: &'static str,

    pub search_nav: &'static str,
    pub more_on_this: &'static str,
    pub also_about: &'static str,
    pub all_stories_about: fn(&str) -> String,
    pub topic_title: fn(&str) -> String,
    pub topic_count: fn(usize) -> String,
    pub topic_unknown: &'static str,
    pub search_title: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_topics: &'static str,
    pub search_stories: &'static str,
    pub search_on_device: &'static str,
    pub search_nothing: fn(&str) -> String,
    pub search_index_unavailable: &'static str,
    pub newer_stories: &'static str,
    pub older_stories: &'static str,
    pub page_of: fn(usize, usize) -> String,

    pub reading_settings: &'static str,
    pub done: &'static str,
    /// Per setting (theme, text size, line width, line spacing, typeface): label and the
    /// labels of its choices, in `settings::SETTINGS` order.
    pub settings: [(&'static str, &'static [&'static str]); 5],
}

pub const EN: Strings = Strings {
    skip_to_content: "Skip to content",
    wordmark_label: "Lede, front page",
    sections_nav: "Sections",
    front_page: "Front page",
    footer: "Lede — a news reader that runs in your browser. Sample stories for demonstration.",

    front_title: "Front page",
    front_heading: "Latest stories",
    front_description: "The latest stories on Lede, with the people, places and organisations in them made explorable.",
    loading_stories: "Loading stories…",
    no_stories: "No stories yet.",
    the_list_of_stories: "the list of stories",

    loading_story: "Loading the story…",
    story_unavailable: "Story unavailable",
    this_story: "this story",
    breaking_news: "Breaking News",
    by: "By ",
    published: "Published ",
    updated: "Updated ",
    minutes_to_read: |quick, slow| {
        if quick == slow { format!("{quick} min read") } else { format!("{quick}–{slow} min read") }
    },
    related: "Related:",

    not_found_title: "Page not found",
    not_found_heading: "We can’t find that page",
    not_found_text: "The story may have moved, or the link may be mistyped.",
    go_to_front_page: "Go to the front page",

    error_not_found: ("Not found", |what| format!("We could not find {what}.")),
    error_network: ("Could not connect", |what| {
        format!("We could not load {what}. Check your connection and try again.")
    }),
    error_status: ("Something went wrong", |what, code| {
        format!("The server could not send {what} (error {code}). Please try again in a moment.")
    }),
    error_invalid: ("This file is damaged", |what| format!("We received {what}, but it is not in a form we can show.")),
    error_details: "Details for the publisher",
    try_again: "Try again",

    in_this_story: "In this story",
    finding_entities: "Finding the people, places and organisations…",
    highlight: "Highlight",
    highlights_off: "Highlights off",
    show_all: |n| format!("Show all {n}"),
    show_fewer: "Show fewer",
    mentions: |n| if n == 1 { "1 mention".to_string() } else { format!("{n} mentions") },
    listed_by_publisher: "listed by the publisher",
    about: |name| format!("About {name}"),
    previous_mention: "Previous mention",
    next_mention: "Next mention",
    position_of: |i, n| format!("{i} of {n}"),
    where_mentioned: "Where the story mentions it",
    other_stories: "Other stories that mention it",
    copy_link: "Copy link",
    link_copied: "Link copied",
    close: "Close",
    selected_entity: "Selected entity",
    entity_not_in_story: "This story does not mention that entity.",
    finding_entity: "Finding it in the story…",
    groups: [
        GroupWords { plural: "People", noun: "person" },
        GroupWords { plural: "Places", noun: "place" },
        GroupWords { plural: "Organisations", noun: "organisation" },
        GroupWords { plural: "Other names", noun: "name" },
        GroupWords { plural: "Dates and times", noun: "date" },
        GroupWords { plural: "Numbers", noun: "number" },
    ],

    continue_region: "Continue reading",
    read_part: "You have read part of this story.",
    continue_reading: "Continue where you left off",
    start_from_top: "Start from the top",

    listen_group: "Listen to this story",
    listen: "Listen to this story",
    pause: "Pause",
    resume: "Resume",
    skip_sentence: "Skip sentence",
    stop: "Stop",
    sentence_of: |i, n| format!("Sentence {i} of {n}"),
    speed: "Speed ",

    share: "Share",
    offline_badge: "Offline",
    update_available: "Update available",
    reload: "Reload",
    error_offline: ("Not available offline", |what| {
        format!(
            "You are offline, and {what} was not saved on this device. Stories you have read or saved are kept for offline reading."
        )
    }),

    saved_nav: "Saved",
    save_for_offline: "Save for offline",
    saved_for_offline: "Saved",
    saving: "Saving…",
    save_failed: "Could not save — try again",
    save_story_label: |headline| format!("Save for offline: {headline}"),
    saved_title: "Saved stories",
    saved_heading: "Saved for offline",
    saved_intro: "Stories you save stay on this device and open without a connection.",
    saved_none: "Nothing saved yet. Use “Save for offline” on a story to keep it here.",
    saved_on: |date, size| format!("Saved {date} · {size}"),
    remove: "Remove",
    remove_story_label: |headline| format!("Remove from saved: {headline}"),
    saved_updated: "Updated since you saved it",
    save_new_version: "Save the new version",
    story_updated_since_saved: "This story has been updated since you saved it.",
    storage_used: |used, quota| format!("Lede uses {used} on this device (of {quota} available)."),
    storage_kept_from_reading: |files, size, limit| {
        format!(
            "Of that, stories and pictures kept from reading (not saved): {files} {}, {size}. \
             Lede keeps the latest {limit} and lets older ones go; saved stories always stay.",
            if files == 1 { "file" } else { "files" }
        )
    },
    storage_persistent: "Your browser keeps saved stories until you remove them.",
    storage_not_persistent: "Your browser may clear saved stories if the device runs short of space.",
    clear_my_data: "Clear my data",
    clear_my_data_explained: "Removes saved stories, stories kept from reading, your settings and reading positions from this device.",
    clear_confirm: |n| match n {
        0 => "Remove everything Lede keeps on this device?".to_string(),
        1 => "Remove everything Lede keeps on this device, including 1 saved story?".to_string(),
        n => format!("Remove everything Lede keeps on this device, including {n} saved stories?"),
    },
    clear_everything: "Yes, clear everything",
    cancel: "Cancel",
    data_cleared: "Cleared. Lede keeps nothing of yours on this device now.",
    saved_offline_list: "Saved on this device",
    copy_paragraph_link: "Copy link to this paragraph",

    search_nav: "Search",
    more_on_this: "More on this story",
    also_about: "Also about: ",
    all_stories_about: |name| format!("All stories about {name}"),
    topic_title: |name| format!("{name} — stories"),
    topic_count: |n| if n == 1 { "1 story".to_string() } else { format!("{n} stories") },
    topic_unknown: "No story mentions this yet.",
    search_title: "Search",
    search_label: "Search stories, people, places and organisations",
    search_hint: "Results appear as you type. Stories on this device are searched word for word, even offline.",
    search_topics: "Topics",
    search_stories: "Stories",
    search_on_device: "In stories on this device",
    search_nothing: |q| format!("Nothing found for “{q}”."),
    search_index_unavailable: "The list of all stories is not available right now; only stories on this device are searched.",
    newer_stories: "Newer stories",
    older_stories: "Older stories",
    page_of: |page, pages| format!("Page {page} of {pages}"),

    reading_settings: " Reading settings",
    done: "Done",
    settings: [
        ("Theme", &["Follow system", "Light", "Dark", "Sepia", "High contrast"]),
        ("Text size", &["Small", "Medium", "Large", "Extra large"]),
        ("Line width", &["Narrow", "Medium", "Wide"]),
        ("Line spacing", &["Compact", "Normal", "Loose"]),
        ("Typeface", &["Serif", "Sans-serif"]),
    ],
};

/// The interface text for a language tag; English until a translation is added.
pub fn for_language(_language: &str) -> &'static Strings {
    &EN
}

/// The interface text in use. The interface is in English for now, whatever the story's language.
pub fn t() -> &'static Strings {
    for_language("en")
}
