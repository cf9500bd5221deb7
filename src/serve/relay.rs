//! A byte relay between clients and tiny_http.
//!
//! tiny_http cannot close a connection without answering (a dropped request is answered 500),
//! yet the failures a client must survive include exactly that: the connection dropped before
//! the request was handled, and the write committed but the answer never sent. So clients
//! connect here, each connection is piped to its own upstream connection to tiny_http, and a
//! request (known to tiny_http by the upstream connection's local address) can be cut off.
//!
//! Upstream connections are opened ahead of need and proven served ("warm") before a client
//! gets one. tiny_http hands each connection to a worker of its thread pool for the
//! connection's whole life, and when several connections arrive at once its pool can queue
//! one behind a busy worker instead of starting a thread: that client then hears nothing until
//! another connection closes (a 30 s stall, seen when the processor sends its marks four at a
//! time). A connection that has answered a ping already has its worker.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Warm upstream connections kept ready: more than any client opens at once.
const SPARES: usize = 16;

/// What the relay sends to prove a connection served; answered by `control.rs`.
const PING: &[u8] =
    b"GET /_gh-store/ping HTTP/1.1\r\nHost: relay\r\nUser-Agent: gh-store-relay\r\n\r\n";

/// The open client connections, by the local address of their upstream connection.
#[derive(Default)]
pub(crate) struct Connections {
    open: Mutex<HashMap<SocketAddr, Pair>>,
}

struct Pair {
    client: TcpStream,
    upstream: TcpStream,
}

impl Connections {
    /// Closes the client connection behind the request tiny_http received from `upstream`.
    /// Nothing more reaches the client, whatever tiny_http writes afterwards.
    pub fn cut(&self, upstream: SocketAddr) {
        if let Some(pair) = self.open.lock().unwrap().remove(&upstream) {
            pair.close();
        }
    }

    fn cut_all(&self) {
        for (_, pair) in self.open.lock().unwrap().drain() {
            pair.close();
        }
    }

    fn forget(&self, upstream: SocketAddr) {
        self.open.lock().unwrap().remove(&upstream);
    }
}

impl Pair {
    fn close(self) {
        let _ = self.client.shutdown(Shutdown::Both);
        let _ = self.upstream.shutdown(Shutdown::Both);
    }
}

/// Sets `TCP_NODELAY` on a listening socket, which the sockets it accepts inherit (Linux,
/// BSD, Windows). tiny_http writes an answer's head and body separately and never sets it
/// itself, so without this every answer waits out the peer's delayed ACK (40 ms).
pub(crate) fn disable_nagle_on_accepted(listener: &TcpListener) -> io::Result<()> {
    // `TcpListener` has no `set_nodelay`; the option is set through a stream handle on a
    // duplicate of the same socket.
    #[cfg(unix)]
    let socket = TcpStream::from(std::os::fd::AsFd::as_fd(listener).try_clone_to_owned()?);
    #[cfg(windows)]
    let socket =
        TcpStream::from(std::os::windows::io::AsSocket::as_socket(listener).try_clone_to_owned()?);
    socket.set_nodelay(true)
}

/// Warm upstream connections waiting for a client.
#[derive(Default)]
struct Spares {
    ready: Mutex<Vec<TcpStream>>,
    changed: Condvar,
}

impl Spares {
    /// A warm connection, waiting for the warmer if none is ready.
    fn take(&self, stopping: &AtomicBool) -> Option<TcpStream> {
        let mut ready = self.ready.lock().unwrap();
        loop {
            if stopping.load(Ordering::SeqCst) {
                return None;
            }
            if let Some(stream) = ready.pop() {
                self.changed.notify_all();
                return Some(stream);
            }
            ready = self
                .changed
                .wait_timeout(ready, Duration::from_millis(100))
                .unwrap()
                .0;
        }
    }

    /// Keeps `SPARES` warm connections ready until stopped.
    fn keep_warm(&self, upstream: SocketAddr, stopping: &AtomicBool) {
        while !stopping.load(Ordering::SeqCst) {
            {
                let ready = self.ready.lock().unwrap();
                if ready.len() >= SPARES {
                    let _ = self
                        .changed
                        .wait_timeout(ready, Duration::from_millis(100))
                        .unwrap();
                    continue;
                }
            }
            match warm(upstream) {
                Ok(stream) => {
                    self.ready.lock().unwrap().push(stream);
                    self.changed.notify_all();
                }
                Err(_) => thread::sleep(Duration::from_millis(10)),
            }
        }
    }
}

/// Opens an upstream connection and waits for tiny_http to answer a ping on it.
fn warm(upstream: SocketAddr) -> io::Result<TcpStream> {
    let mut stream = TcpStream::connect(upstream)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.write_all(PING)?;
    read_answer(&mut stream)?;
    stream.set_read_timeout(None)?;
    Ok(stream)
}

/// Reads one answer with a `Content-Length` (the ping's) off the stream, and no more.
fn read_answer(stream: &mut TcpStream) -> io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte)?;
        head.push(byte[0]);
        if head.len() > 64 * 1024 {
            return Err(io::Error::other("answer head too long"));
        }
    }
    let head = String::from_utf8_lossy(&head);
    let length: u64 = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .ok_or_else(|| io::Error::other("ping answered without Content-Length"))?;
    io::copy(&mut stream.take(length), &mut io::sink())?;
    Ok(())
}

pub(crate) struct Relay {
    stopping: Arc<AtomicBool>,
    public: SocketAddr,
    connections: Arc<Connections>,
    acceptor: JoinHandle<()>,
    warmer: JoinHandle<()>,
}

impl Relay {
    /// Accepts on `public` and pipes every connection to `upstream`.
    pub fn start(public: TcpListener, upstream: SocketAddr) -> io::Result<Relay> {
        let stopping = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(Connections::default());
        let spares = Arc::new(Spares::default());
        let public_addr = public.local_addr()?;
        let warmer = {
            let stopping = Arc::clone(&stopping);
            let spares = Arc::clone(&spares);
            thread::Builder::new()
                .name("gh-store-serve-warm".into())
                .spawn(move || spares.keep_warm(upstream, &stopping))?
        };
        let acceptor = {
            let stopping = Arc::clone(&stopping);
            let connections = Arc::clone(&connections);
            thread::Builder::new()
                .name("gh-store-serve-accept".into())
                .spawn(move || accept_loop(&public, &spares, &stopping, &connections))?
        };
        Ok(Relay {
            stopping,
            public: public_addr,
            connections,
            acceptor,
            warmer,
        })
    }

    pub fn connections(&self) -> Arc<Connections> {
        Arc::clone(&self.connections)
    }

    /// Stops accepting and closes every open connection.
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        // accept() has no timeout: a connection of our own wakes it up.
        let mut wake = self.public;
        if wake.ip().is_unspecified() {
            wake.set_ip(Ipv4Addr::LOCALHOST.into());
        }
        let woken = TcpStream::connect(wake).is_ok();
        self.connections.cut_all();
        if woken {
            let _ = self.acceptor.join();
        }
        let _ = self.warmer.join();
    }
}

fn accept_loop(
    public: &TcpListener,
    spares: &Spares,
    stopping: &AtomicBool,
    connections: &Arc<Connections>,
) {
    for client in public.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(client) = client else {
            // Out of file descriptors or similar: let the client retry.
            thread::sleep(std::time::Duration::from_millis(10));
            continue;
        };
        let Some(upstream) = spares.take(stopping) else {
            break;
        };
        if let Err(err) = open_pipe(client, upstream, connections) {
            eprintln!("gh-store serve: cannot relay a connection: {err}");
        }
    }
}

fn open_pipe(
    client: TcpStream,
    upstream: TcpStream,
    connections: &Arc<Connections>,
) -> io::Result<()> {
    client.set_nodelay(true)?;
    let key = upstream.local_addr()?;
    connections.open.lock().unwrap().insert(
        key,
        Pair {
            client: client.try_clone()?,
            upstream: upstream.try_clone()?,
        },
    );

    let (requests_from, requests_to) = (client.try_clone()?, upstream.try_clone()?);
    thread::Builder::new()
        .name("gh-store-serve-relay".into())
        .spawn(move || pipe(requests_from, requests_to))?;
    let connections = Arc::clone(connections);
    thread::Builder::new()
        .name("gh-store-serve-relay".into())
        .spawn(move || {
            pipe(upstream, client);
            connections.forget(key);
        })?;
    Ok(())
}

/// Copies until either side ends, then passes the end on.
fn pipe(mut from: TcpStream, mut to: TcpStream) {
    let _ = io::copy(&mut from, &mut to);
    let _ = to.shutdown(Shutdown::Write);
    let _ = from.shutdown(Shutdown::Read);
}
