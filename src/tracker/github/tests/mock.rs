//! A scripted GitHub stand-in on 127.0.0.1: each test answers requests with a closure and
//! inspects what the tracker sent.

use std::io::{Cursor, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;

/// A request as the server received it.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    pub(super) method: String,
    /// Path and query, as sent.
    pub(super) url: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: String,
}

impl Seen {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }

    pub(super) fn path(&self) -> &str {
        self.url.split('?').next().unwrap()
    }
}

pub(super) enum Answer {
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Bytes that are not HTTP: the connection broke after the request arrived.
    Garbage,
    /// No answer until the server stops: the client times out.
    Silence,
}

impl Answer {
    pub(super) fn json(status: u16, body: Value) -> Answer {
        Answer::text(status, "application/json; charset=utf-8", &body.to_string())
    }

    pub(super) fn text(status: u16, content_type: &str, body: &str) -> Answer {
        Answer::Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub(super) fn empty(status: u16) -> Answer {
        Answer::Reply {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    pub(super) fn header(mut self, name: &str, value: &str) -> Answer {
        if let Answer::Reply { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

pub(super) struct MockServer {
    pub(super) base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl MockServer {
    pub(super) fn start(mut answer: impl FnMut(&Seen) -> Answer + Send + 'static) -> MockServer {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (seen, stop) = (seen.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut held = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let Ok(Some(mut request)) = server.recv_timeout(Duration::from_millis(10))
                    else {
                        continue;
                    };
                    let mut body = String::new();
                    request.as_reader().read_to_string(&mut body).unwrap();
                    let received = Seen {
                        method: request.method().to_string(),
                        url: request.url().to_string(),
                        headers: request
                            .headers()
                            .iter()
                            .map(|h| (h.field.to_string(), h.value.to_string()))
                            .collect(),
                        body,
                    };
                    seen.lock().unwrap().push(received.clone());
                    match answer(&received) {
                        Answer::Reply {
                            status,
                            headers,
                            body,
                        } => {
                            let headers = headers
                                .iter()
                                .map(|(n, v)| {
                                    tiny_http::Header::from_bytes(n.as_bytes(), v.as_bytes())
                                        .unwrap()
                                })
                                .collect();
                            let length = body.len();
                            let response = tiny_http::Response::new(
                                status.into(),
                                headers,
                                Cursor::new(body.into_bytes()),
                                Some(length),
                                None,
                            );
                            let _ = request.respond(response);
                        }
                        Answer::Garbage => {
                            let mut writer = request.into_writer();
                            let _ = writer.write_all(b"NOT HTTP AT ALL\r\n\r\n");
                            let _ = writer.flush();
                        }
                        Answer::Silence => held.push(request),
                    }
                }
            })
        };
        MockServer {
            base: format!("http://127.0.0.1:{port}"),
            seen,
            stop,
            thread: Some(thread),
        }
    }

    pub(super) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// How many requests had this method and path (query ignored).
    pub(super) fn count(&self, method: &str, path: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.method == method && s.path() == path)
            .count()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
