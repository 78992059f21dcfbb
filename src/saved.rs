//! Stories the reader saves for offline reading. The files (story JSON, its page and pictures)
//! go into Cache Storage (`lede-saved`), where the service worker finds them offline; the list
//! (slug, headline, when saved, which version, size) lives in IndexedDB, so it survives reloads
//! and browser restarts. The first save asks the browser to keep this storage persistent.
//!
//! `SavedStories` is the app-wide, reactive copy of the list; components read it from context.

use leptos::prelude::*;

use lede_core::Article;

/// One saved story, as kept in IndexedDB: a plain object with these fields, by these names
/// (`saved_at`, as earlier versions wrote them). Read and written by hand (`store`), not with
/// serde_json: its serialiser and `Value` would add kilobytes to the reader's download.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedStory {
    pub slug: String,
    pub headline: String,
    /// When it was saved, in Unix milliseconds.
    pub saved_at: f64,
    /// The version saved: its `dateModified`, or `datePublished` if never modified.
    pub version: String,
    /// Bytes of everything saved for it.
    pub bytes: f64,
}

/// The version of a story, as compared with a saved copy.
pub fn version_of(article: &Article) -> String {
    article.date_modified.clone().unwrap_or_else(|| article.date_published.clone())
}

/// The reactive list of saved stories, newest first, shared through context.
#[derive(Clone, Copy)]
pub struct SavedStories {
    pub list: RwSignal<Vec<SavedStory>>,
    /// Whether the list has been read from IndexedDB yet.
    pub loaded: RwSignal<bool>,
    /// Slugs being saved right now.
    pub busy: RwSignal<Vec<String>>,
}

impl SavedStories {
    /// Creates the list, provides it as context and reads it from IndexedDB.
    pub fn provide() -> Self {
        let saved = SavedStories {
            list: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            busy: RwSignal::new(Vec::new()),
        };
        provide_context(saved);
        saved.refresh();
        saved
    }

    pub fn refresh(&self) {
        #[cfg(target_arch = "wasm32")]
        {
            let this = *self;
            wasm_bindgen_futures::spawn_local(async move {
                let mut list = store::list().await.unwrap_or_default();
                list.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
                this.list.try_set(list);
                this.loaded.try_set(true);
            });
        }
    }

    pub fn get(&self, slug: &str) -> Option<SavedStory> {
        self.list.with(|l| l.iter().find(|s| s.slug == slug).cloned())
    }

    /// Saves a story (fetching it first), or saves its newer version over the old one.
    pub fn save(&self, slug: String) -> impl std::future::Future<Output = Result<(), String>> + 'static {
        let this = *self;
        async move {
            this.busy.update(|b| b.push(slug.clone()));
            #[cfg(target_arch = "wasm32")]
            let result = store::save(&slug).await;
            #[cfg(not(target_arch = "wasm32"))]
            let result: Result<(), String> = Err("saving needs a browser".into());
            this.busy.update(|b| b.retain(|s| s != &slug));
            this.refresh();
            result
        }
    }

    pub fn remove(&self, slug: String) {
        #[cfg(target_arch = "wasm32")]
        {
            let this = *self;
            wasm_bindgen_futures::spawn_local(async move {
                let _ = store::remove(&slug).await;
                this.refresh();
            });
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = slug;
    }
}

/// Human sizes: "420 KB", "3.1 MB".
pub fn format_bytes(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 {
        lede_core::numbers::megabytes(bytes as u64)
    } else {
        format!("{} KB", (bytes / 1024.0).ceil().max(1.0) as u64)
    }
}

#[cfg(target_arch = "wasm32")]
pub mod store {
    //! The browser side: IndexedDB for the list, Cache Storage for the files.

    use js_sys::{Array, JSON, Promise, Reflect};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransactionMode};

    use super::{SavedStory, version_of};
    use crate::load;

    const DB_NAME: &str = "lede";
    const STORE: &str = "saved";
    use lede_core::caches;

    fn error(value: JsValue) -> String {
        value
            .as_string()
            .or_else(|| JSON::stringify(&value).ok().and_then(|s| s.as_string()))
            .unwrap_or_else(|| "unknown error".into())
    }

    /// An IndexedDB request as a future of its result.
    async fn done(request: &IdbRequest) -> Result<JsValue, String> {
        let promise = Promise::new(&mut |resolve, reject| {
            request.set_onsuccess(Some(&resolve));
            request.set_onerror(Some(&reject));
        });
        JsFuture::from(promise).await.map_err(|_| "the browser's database refused".to_string())?;
        request.result().map_err(error)
    }

    async fn database() -> Result<IdbDatabase, String> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or("this browser keeps no databases (private mode?)")?;
        let open = factory.open_with_u32(DB_NAME, 1).map_err(error)?;
        let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(request) = event.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()) else { return };
            let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else { return };
            if !db.object_store_names().contains(STORE) {
                let params = IdbObjectStoreParameters::new();
                params.set_key_path(&JsValue::from_str("slug"));
                let _ = db.create_object_store_with_optional_parameters(STORE, &params);
            }
        });
        open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let db = done(&open).await;
        open.set_onupgradeneeded(None);
        drop(upgrade);
        db?.dyn_into::<IdbDatabase>().map_err(error)
    }

    async fn with_store(
        mode: IdbTransactionMode,
        action: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<JsValue, String> {
        let db = database().await?;
        let tx = db.transaction_with_str_and_mode(STORE, mode).map_err(error)?;
        let store = tx.object_store(STORE).map_err(error)?;
        let request = action(&store).map_err(error)?;
        let result = done(&request).await;
        db.close();
        result
    }

    pub async fn list() -> Result<Vec<SavedStory>, String> {
        let all: Array = with_store(IdbTransactionMode::Readonly, |s| s.get_all()).await?.dyn_into().map_err(error)?;
        // An entry this version cannot read is skipped, never fatal.
        Ok(all.iter().filter_map(|v| from_js(&v)).collect())
    }

    async fn put(entry: &SavedStory) -> Result<(), String> {
        let value = to_js(entry);
        with_store(IdbTransactionMode::Readwrite, |s| s.put(&value)).await.map(|_| ())
    }

    /// The stored object: the fields of [`SavedStory`] by their names.
    fn to_js(entry: &SavedStory) -> JsValue {
        let object = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = Reflect::set(&object, &key.into(), &value);
        };
        set("slug", entry.slug.as_str().into());
        set("headline", entry.headline.as_str().into());
        set("saved_at", entry.saved_at.into());
        set("version", entry.version.as_str().into());
        set("bytes", entry.bytes.into());
        object.into()
    }

    /// Reads a stored object; `None` if a field is missing or of another type.
    fn from_js(value: &JsValue) -> Option<SavedStory> {
        let get = |key: &str| Reflect::get(value, &key.into()).ok();
        Some(SavedStory {
            slug: get("slug")?.as_string()?,
            headline: get("headline")?.as_string()?,
            saved_at: get("saved_at")?.as_f64()?,
            version: get("version")?.as_string()?,
            bytes: get("bytes")?.as_f64()?,
        })
    }

    async fn cache_storage() -> Result<web_sys::CacheStorage, String> {
        web_sys::window().ok_or("no window")?.caches().map_err(|_| "this browser has no Cache Storage".to_string())
    }

    async fn saved_cache() -> Result<web_sys::Cache, String> {
        let opened = JsFuture::from(cache_storage().await?.open(caches::SAVED)).await.map_err(error)?;
        opened.dyn_into::<web_sys::Cache>().map_err(error)
    }

    /// The addresses a saved story needs: its JSON, its page, and its pictures (in every width
    /// the page may ask for: `picture::files_to_save`).
    fn files(article: &lede_core::Article) -> Vec<String> {
        let mut urls =
            vec![lede_core::routes::article_json(&article.slug), lede_core::routes::article_path(&article.slug)];
        for (_, image) in article.images() {
            urls.extend(lede_core::picture::files_to_save(image));
        }
        // Only this site's files: the worker only answers for its own origin.
        urls.retain(|u| u.starts_with('/') && !u.starts_with("//"));
        // A picture used twice is fetched and counted once, wherever the repeats stand.
        let mut unique: Vec<String> = Vec::with_capacity(urls.len());
        for url in urls {
            if !unique.contains(&url) {
                unique.push(url);
            }
        }
        unique
    }

    pub async fn save(slug: &str) -> Result<(), String> {
        let article = load::article(slug).await.map_err(|e| format!("{e:?}"))?;
        let cache = saved_cache().await?;
        let window = web_sys::window().ok_or("no window")?;
        let mut bytes = 0.0;
        for url in files(&article) {
            let response: web_sys::Response =
                JsFuture::from(window.fetch_with_str(&url)).await.map_err(error)?.dyn_into().map_err(error)?;
            if !response.ok() {
                return Err(format!("{url}: HTTP {}", response.status()));
            }
            let copy = response.clone().map_err(error)?;
            JsFuture::from(cache.put_with_str(&url, &response)).await.map_err(error)?;
            let body = JsFuture::from(copy.array_buffer().map_err(error)?).await.map_err(error)?;
            bytes += body.dyn_into::<js_sys::ArrayBuffer>().map(|b| f64::from(b.byte_length())).unwrap_or(0.0);
        }
        put(&SavedStory {
            slug: article.slug.clone(),
            headline: article.headline.clone(),
            saved_at: js_sys::Date::now(),
            version: version_of(&article),
            bytes,
        })
        .await?;
        request_persistence().await;
        Ok(())
    }

    pub async fn remove(slug: &str) -> Result<(), String> {
        if let Ok(cache) = saved_cache().await {
            // What the story's files were is only known from the story; the JSON and page always.
            let mut urls = vec![lede_core::routes::article_json(slug), lede_core::routes::article_path(slug)];
            if let Ok(hit) = JsFuture::from(cache.match_with_str(&lede_core::routes::article_json(slug))).await
                && let Ok(response) = hit.dyn_into::<web_sys::Response>()
                && let Ok(text) = response.text()
                && let Some(text) = JsFuture::from(text).await.ok().and_then(|t| t.as_string())
                && let Ok(article) = lede_core::Article::from_json(&text)
            {
                urls = files(&article);
            }
            for url in urls {
                let _ = JsFuture::from(cache.delete_with_str(&url)).await;
            }
        }
        with_store(IdbTransactionMode::Readwrite, |s| s.delete(&JsValue::from_str(slug))).await.map(|_| ())
    }

    /// Asks the browser to keep Lede's storage until the reader clears it. Browsers decide by
    /// their own rules (Chromium: engagement, installation); the answer is shown on the Saved page.
    async fn request_persistence() {
        if let Some(storage) = storage_manager()
            && let Ok(promise) = storage.persist()
        {
            let _ = JsFuture::from(promise).await;
        }
    }

    fn storage_manager() -> Option<web_sys::StorageManager> {
        let navigator: JsValue = web_sys::window()?.navigator().into();
        // Feature-test first: older engines have no `navigator.storage`.
        let storage = Reflect::get(&navigator, &"storage".into()).ok().filter(|s| !s.is_undefined())?;
        storage.dyn_into().ok()
    }

    /// `(bytes used, bytes available)` for this site, if the browser says.
    pub async fn estimate() -> Option<(f64, f64)> {
        let estimate = JsFuture::from(storage_manager()?.estimate().ok()?).await.ok()?;
        let usage = Reflect::get(&estimate, &"usage".into()).ok()?.as_f64()?;
        let quota = Reflect::get(&estimate, &"quota".into()).ok()?.as_f64()?;
        Some((usage, quota))
    }

    /// `(files, bytes)` kept from reading (not saved): the stories cache the service worker
    /// bounds to `caches::STORIES_LIMIT` files.
    pub async fn kept_from_reading() -> Option<(usize, f64)> {
        let storage = cache_storage().await.ok()?;
        // `open` would create the cache: never after "clear my data" has just removed it.
        if JsFuture::from(storage.has(caches::STORIES)).await.ok()?.as_bool() != Some(true) {
            return Some((0, 0.0));
        }
        let opened = JsFuture::from(storage.open(caches::STORIES)).await.ok()?;
        let cache = opened.dyn_into::<web_sys::Cache>().ok()?;
        let keys = JsFuture::from(cache.keys()).await.ok()?;
        let (mut files, mut bytes) = (0, 0.0);
        for request in Array::from(&keys).iter().filter_map(|r| r.dyn_into::<web_sys::Request>().ok()) {
            let Some(response) = JsFuture::from(cache.match_with_request(&request))
                .await
                .ok()
                .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            else {
                continue;
            };
            let Ok(body) = response.array_buffer() else { continue };
            if let Some(body) = JsFuture::from(body).await.ok().and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok()) {
                files += 1;
                bytes += f64::from(body.byte_length());
            }
        }
        Some((files, bytes))
    }

    pub async fn persisted() -> bool {
        let Some(promise) = storage_manager().and_then(|s| s.persisted().ok()) else { return false };
        JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
    }

    /// Everything of the reader's on this device: saved and read stories, the list, settings,
    /// reading positions, highlight choices. The app itself (its shell cache) stays.
    pub async fn clear_all() -> Result<(), String> {
        let storage = cache_storage().await?;
        for name in caches::READER_DATA {
            JsFuture::from(storage.delete(name)).await.map_err(error)?;
        }
        with_store(IdbTransactionMode::Readwrite, |s| s.clear()).await?;
        if let Some(storage) = crate::storage::local() {
            let keys: Vec<String> = (0..storage.length().unwrap_or(0))
                .filter_map(|i| storage.key(i).ok().flatten())
                .filter(|k| k.starts_with("lede."))
                .collect();
            for key in keys {
                let _ = storage.remove_item(&key);
            }
        }
        // The page's own attributes go back to the defaults too.
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let attrs: Array = root.get_attribute_names();
            for name in attrs.iter().filter_map(|n| n.as_string()).filter(|n| n.starts_with("data-")) {
                let _ = root.remove_attribute(&name);
            }
        }
        Ok(())
    }
}
