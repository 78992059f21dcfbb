//! The local HTTP server the network tests run against: 127.0.0.1, a free port, started by the
//! test, answering from a table of routes (our own fixtures, broken ones too) and logging every
//! request.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- the local server

#[derive(Clone, Default)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (the slow server).
    pub delay: Duration,
    /// Answer 304 when the request's If-None-Match is this.
    pub etag: Option<String>,
    /// Send no Content-Length: the body ends when the connection closes.
    pub no_length: bool,
}

pub fn ok(body: impl Into<Vec<u8>>, content_type: &str) -> Route {
    Route {
        status: 200,
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.into(),
        ..Route::default()
    }
}

pub fn redirect(to: &str) -> Route {
    Route { status: 302, headers: vec![("Location".into(), to.into())], ..Route::default() }
}

pub struct Hit {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub at: Instant,
}

/// An HTTP/1.1 server on 127.0.0.1 (a free port) that answers from a table of routes, logs every
/// request, and stops when dropped or after a minute, whichever comes first.
pub struct Server {
    pub base: String,
    pub log: Arc<Mutex<Vec<Hit>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    pub fn start(routes: Vec<(&str, Route)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        // Bodies may name the server's own address as `{{BASE}}`.
        let mut table: HashMap<String, Route> = routes
            .into_iter()
            .map(|(p, mut r)| {
                if let Ok(text) = std::str::from_utf8(&r.body)
                    && text.contains("{{BASE}}")
                {
                    r.body = text.replace("{{BASE}}", &base).into_bytes();
                }
                (p.to_string(), r)
            })
            .collect();
        table.entry("/robots.txt".into()).or_insert_with(|| ok("User-agent: *\nDisallow: /private/\n", "text/plain"));
        let table = Arc::new(table);
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log2, stop2) = (log.clone(), stop.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stop2.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (table, log) = (table.clone(), log2.clone());
                        std::thread::spawn(move || answer(stream, &table, &log));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { base, log, stop }
    }

    pub fn hits(&self, path: &str) -> usize {
        self.log.lock().unwrap().iter().filter(|h| h.path == path).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn answer(stream: TcpStream, table: &HashMap<String, Route>, log: &Mutex<Vec<Hit>>) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let route =
        table.get(&path).cloned().unwrap_or(Route { status: 404, body: b"not here".to_vec(), ..Route::default() });
    let not_modified = route.etag.is_some() && headers.get("if-none-match") == route.etag.as_ref();
    log.lock().unwrap().push(Hit { path, headers, at: Instant::now() });
    std::thread::sleep(route.delay);
    let (status, body) = if not_modified { (304, &[][..]) } else { (route.status, &route.body[..]) };
    let mut head = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
    if !route.no_length {
        head += &format!("Content-Length: {}\r\n", body.len());
    }
    for (k, v) in &route.headers {
        head += &format!("{k}: {v}\r\n");
    }
    if let Some(e) = &route.etag {
        head += &format!("ETag: {e}\r\n");
    }
    head += "\r\n";
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body));
}
