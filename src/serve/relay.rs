//! A byte relay between clients and tiny_http.
//!
//! tiny_http cannot close a connection without answering (a dropped request is answered 500),
//! yet the failures a client must survive include exactly that: the connection dropped before
//! the request was handled, and the write committed but the answer never sent. So clients
//! connect here, each connection is piped to its own upstream connection to tiny_http, and a
//! request (known to tiny_http by the upstream connection's local address) can be cut off.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

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

pub(crate) struct Relay {
    stopping: Arc<AtomicBool>,
    public: SocketAddr,
    connections: Arc<Connections>,
    acceptor: JoinHandle<()>,
}

impl Relay {
    /// Accepts on `public` and pipes every connection to `upstream`.
    pub fn start(public: TcpListener, upstream: SocketAddr) -> io::Result<Relay> {
        let stopping = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(Connections::default());
        let public_addr = public.local_addr()?;
        let acceptor = {
            let stopping = Arc::clone(&stopping);
            let connections = Arc::clone(&connections);
            thread::Builder::new()
                .name("gh-store-serve-accept".into())
                .spawn(move || accept_loop(&public, upstream, &stopping, &connections))?
        };
        Ok(Relay {
            stopping,
            public: public_addr,
            connections,
            acceptor,
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
    }
}

fn accept_loop(
    public: &TcpListener,
    upstream: SocketAddr,
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
        if let Err(err) = open_pipe(client, upstream, connections) {
            eprintln!("gh-store serve: cannot relay a connection: {err}");
        }
    }
}

fn open_pipe(
    client: TcpStream,
    upstream_addr: SocketAddr,
    connections: &Arc<Connections>,
) -> io::Result<()> {
    let upstream = TcpStream::connect(upstream_addr)?;
    client.set_nodelay(true)?;
    upstream.set_nodelay(true)?;
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
